'use strict';
// The Camp extension: folding for .camp files, and the client of the camp language server, which
// it starts as `camp lsp` over stdio (the command comes from the `camp.path` setting).
// Highlighting needs none of this: it comes from the grammars that package.json declares.
const vscode = require('vscode');
const { serverCommand, startFailureMessage } = require('./lib/server');
const { foldingRanges } = require('./lib/folding');

const MAX_RESTARTS = 4;

let client;
let output;

function activate(context) {
    output = vscode.window.createOutputChannel('Camp');
    context.subscriptions.push(
        output,
        vscode.languages.registerFoldingRangeProvider({ language: 'camp' }, {
            provideFoldingRanges(document) {
                return foldingRanges(document.getText()).map((r) => new vscode.FoldingRange(r.start, r.end,
                    r.kind === 'comment' ? vscode.FoldingRangeKind.Comment
                        : r.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined));
            },
        }),
        vscode.commands.registerCommand('camp.restartServer', restartServer),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration('camp.path') || e.affectsConfiguration('camp.server.enabled')) {
                restartServer();
            }
        }),
    );
    // not awaited: the camp launcher may build camp first, and activation need not wait for that
    return { serverStarted: startServer() };
}

async function startServer() {
    const config = vscode.workspace.getConfiguration('camp');
    if (!config.get('server.enabled', true)) {
        output.appendLine('The camp language server is off (setting camp.server.enabled).');
        return;
    }
    let lc;
    try {
        lc = require('vscode-languageclient/node');
    } catch (e) {
        vscode.window.showErrorMessage('Camp: this installation of the extension lacks its language client '
            + `library (${e.message.split('\n')[0]}); reinstall it from a .vsix built with its dependencies. Syntax highlighting works without it.`);
        return;
    }
    const folder = (vscode.workspace.workspaceFolders || []).find((f) => f.uri.scheme === 'file');
    const cwd = folder ? folder.uri.fsPath : undefined;
    const command = serverCommand(config.get('path'), cwd);
    output.appendLine(`Starting the camp language server: ${command} lsp`);

    let running = false;
    let restarts = 0;
    // stdio is the default transport; naming it would make the client add --stdio to the arguments
    const serverOptions = { command, args: ['lsp'], options: cwd ? { cwd } : {} };
    const clientOptions = {
        documentSelector: [{ scheme: 'file', language: 'camp' }, { scheme: 'untitled', language: 'camp' }],
        outputChannel: output,
        revealOutputChannelOn: lc.RevealOutputChannelOn.Never,
        // a server that fails to start is reported once, below, and not retried
        initializationFailedHandler: () => false,
        errorHandler: {
            error: (_error, _message, count) => ({
                action: count && count <= 3 ? lc.ErrorAction.Continue : lc.ErrorAction.Shutdown,
            }),
            closed: () => {
                if (!running) {
                    return { action: lc.CloseAction.DoNotRestart, handled: true };
                }
                if (++restarts <= MAX_RESTARTS) {
                    return { action: lc.CloseAction.Restart };
                }
                return {
                    action: lc.CloseAction.DoNotRestart,
                    message: `Camp: the language server stopped ${restarts} times and will not be restarted. `
                        + 'Run "Camp: Restart Language Server" to try again.',
                };
            },
        },
    };
    let started;
    try {
        started = createClient(lc, serverOptions, clientOptions);
        client = started;
        await started.start();
        // start() can resolve although the server exited before it was ready
        if (!started.isRunning()) {
            throw new Error('the server exited before it was ready');
        }
        running = true;
        started.quiet = false;
    } catch (error) {
        if (started && client === started) {
            client = undefined;
            started.stop(2000).catch(() => undefined);
        }
        output.appendLine(`The camp language server did not start: ${(error && error.message) || error}`);
        // not awaited: activation must not wait for the user to answer
        vscode.window.showErrorMessage(startFailureMessage(command, error), 'Open Settings', 'Show Output', 'Turn Off Server')
            .then((choice) => {
                if (choice === 'Open Settings') {
                    vscode.commands.executeCommand('workbench.action.openSettings', 'camp.path');
                } else if (choice === 'Show Output') {
                    output.show(true);
                } else if (choice === 'Turn Off Server') {
                    vscode.workspace.getConfiguration('camp').update('server.enabled', false, vscode.ConfigurationTarget.Global);
                }
            });
    }
}

/**
 * The language client, except that while it starts its errors go to the output only: a failed
 * start gets one message, with what to do, from startServer.
 */
function createClient(lc, serverOptions, clientOptions) {
    const client = new lc.LanguageClient('camp', 'Camp Language Server', serverOptions, clientOptions);
    client.quiet = true;
    const error = client.error.bind(client);
    client.error = (message, data, showNotification) => error(message, data, client.quiet ? false : showNotification);
    return client;
}

async function restartServer() {
    const old = client;
    client = undefined;
    if (old) {
        try {
            await old.stop(2000);
        } catch (e) {
            output.appendLine(`Stopping the camp language server: ${e.message}`);
        }
    }
    await startServer();
}

function deactivate() {
    return client ? client.stop(2000) : undefined;
}

module.exports = { activate, deactivate };
