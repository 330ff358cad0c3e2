'use strict';
// How the extension finds and reports on the camp language server (`camp lsp`). No VS Code API
// here, so that it can be tested with plain Node.
const os = require('os');
const path = require('path');

/**
 * The command that starts the server, from the `camp.path` setting: `camp` when empty;
 * `${workspaceFolder}` and a leading `~` expanded; a relative path with a slash (`./camp`,
 * `bin/camp`) taken from the workspace folder; a bare name left for the PATH to find.
 */
function serverCommand(setting, workspaceFolder, home = os.homedir()) {
    let command = (typeof setting === 'string' ? setting.trim() : '') || 'camp';
    if (workspaceFolder) {
        command = command.split('${workspaceFolder}').join(workspaceFolder);
    }
    if (command === '~' || command.startsWith('~/') || command.startsWith('~\\')) {
        command = path.join(home, command.slice(1));
    }
    if (!path.isAbsolute(command) && /[\\/]/.test(command) && workspaceFolder) {
        command = path.resolve(workspaceFolder, command);
    }
    return command;
}

/** The message shown when the server does not start. */
function startFailureMessage(command, error) {
    const reason = (error && error.message) || String(error);
    const help = 'Syntax highlighting works without it.';
    if (/ENOENT/.test(reason)) {
        return `Camp: the language server did not start: "${command}" was not found. Install camp, or set `
            + `"camp.path" to the camp command (for example the camp launcher at the root of the camp repository). ${help}`;
    }
    if (/EACCES/.test(reason)) {
        return `Camp: the language server did not start: "${command}" is not executable. Check "camp.path". ${help}`;
    }
    return `Camp: the language server did not start: "${command} lsp" failed (${reason}). This camp may not have `
        + `the "lsp" command yet; the Camp output shows what it printed. ${help}`;
}

module.exports = { serverCommand, startFailureMessage };
