'use strict';
// The extension's own code, with stand-ins for the VS Code API and the language client library
// (neither runs outside VS Code): how it finds `camp`, starts `camp lsp`, reports a failed
// start, and folds.
const test = require('node:test');
const assert = require('node:assert');
const Module = require('module');
const path = require('path');
const { serverCommand, startFailureMessage } = require('../lib/server');
const { foldingRanges } = require('../lib/folding');

test('camp.path: a bare name is left to the PATH, a relative path is taken from the workspace', () => {
    assert.strictEqual(serverCommand(undefined, '/w'), 'camp');
    assert.strictEqual(serverCommand('  ', '/w'), 'camp');
    assert.strictEqual(serverCommand('camp', '/w'), 'camp');
    assert.strictEqual(serverCommand('./camp', '/w'), path.resolve('/w', 'camp'));
    assert.strictEqual(serverCommand('bin/camp', '/w'), path.resolve('/w', 'bin/camp'));
    assert.strictEqual(serverCommand('${workspaceFolder}/camp', '/w'), '/w/camp');
    assert.strictEqual(serverCommand('~/tools/camp', '/w', '/home/me'), path.join('/home/me', 'tools/camp'));
    assert.strictEqual(serverCommand('/opt/camp/camp', '/w'), '/opt/camp/camp');
    assert.strictEqual(serverCommand('./camp', undefined), './camp');
});

test('a failed start says what to do', () => {
    const notFound = startFailureMessage('camp', 'Launching server using command camp failed. Error: spawn camp ENOENT');
    assert.match(notFound, /"camp" was not found/);
    assert.match(notFound, /camp\.path/);
    const failed = startFailureMessage('/w/camp', new Error('Pending response rejected since connection got disposed'));
    assert.match(failed, /"\/w\/camp lsp" failed \(Pending response rejected/);
    assert.match(failed, /Syntax highlighting works without it/);
});

test('folding: braces, comments and text blocks over several lines; braces in strings do not count', () => {
    const text = [
        '/* a comment',          // 0
        '   over lines */',      // 1
        'entity e key id from table "{" {', // 2
        '  id: int  // }',       // 3
        '  name: text',          // 4
        '}',                     // 5
        'activity m: email {',   // 6
        '  subject "}{"',        // 7
        '  body """',            // 8
        '    {{a}} }',           // 9
        '  """',                 // 10
        '}',                     // 11
        '// region tiers',       // 12
        'activity x: fork',      // 13
        '// endregion',          // 14
        'flow { a -> b }',       // 15
    ].join('\n');
    assert.deepStrictEqual(foldingRanges(text), [
        { start: 0, end: 1, kind: 'comment' },
        { start: 2, end: 4, kind: 'block' },
        { start: 6, end: 10, kind: 'block' },
        { start: 8, end: 9, kind: 'block' },
        { start: 12, end: 14, kind: 'region' },
    ]);
});

/** Loads extension.js with stand-ins for 'vscode' and 'vscode-languageclient/node'. */
function loadExtension({ settings = {}, folders = ['/w'], start = () => Promise.resolve() } = {}) {
    const calls = { clients: [], errors: [], folding: [], commands: [], clientErrors: [] };
    class FakeClient {
        constructor(id, name, serverOptions, clientOptions) {
            Object.assign(this, { id, name, serverOptions, clientOptions });
            calls.clients.push(this);
        }
        error(message, data, showNotification) {
            calls.clientErrors.push({ message, showNotification });
        }
        start() {
            return start(this).then(() => {
                this.running = this.running !== false;
            });
        }
        isRunning() {
            return this.running === true;
        }
        stop() {
            return Promise.resolve();
        }
    }
    const lc = {
        LanguageClient: FakeClient,
        TransportKind: { stdio: 0 },
        RevealOutputChannelOn: { Never: 4 },
        ErrorAction: { Continue: 1, Shutdown: 2 },
        CloseAction: { DoNotRestart: 1, Restart: 2 },
    };
    const vscode = {
        window: {
            createOutputChannel: () => ({ appendLine() {}, show() {}, dispose() {} }),
            showErrorMessage: (message, ...items) => {
                calls.errors.push({ message, items });
                return Promise.resolve(undefined);
            },
        },
        workspace: {
            getConfiguration: () => ({
                get: (key, fallback) => (key in settings ? settings[key] : fallback),
                update() {},
            }),
            workspaceFolders: folders.map((f) => ({ uri: { scheme: 'file', fsPath: f } })),
            onDidChangeConfiguration: () => ({ dispose() {} }),
        },
        languages: {
            registerFoldingRangeProvider: (selector, provider) => {
                calls.folding.push({ selector, provider });
                return { dispose() {} };
            },
        },
        commands: {
            registerCommand: (id) => {
                calls.commands.push(id);
                return { dispose() {} };
            },
            executeCommand() {},
        },
        FoldingRange: class {
            constructor(start, end, kind) {
                Object.assign(this, { start, end, kind });
            }
        },
        FoldingRangeKind: { Comment: 1, Imports: 2, Region: 3 },
        ConfigurationTarget: { Global: 1 },
    };
    current = { vscode, lc };
    const file = require.resolve('../extension.js');
    delete require.cache[file];
    return { extension: require(file), calls };
}

// 'vscode' and 'vscode-languageclient/node' resolve to the stand-ins of the test that runs
let current;
const load = Module._load;
Module._load = function (request, ...rest) {
    if (request === 'vscode') {
        return current.vscode;
    }
    if (request === 'vscode-languageclient/node') {
        return current.lc;
    }
    return load.call(this, request, ...rest);
};

const context = () => ({ subscriptions: [] });

test('activation starts `camp lsp` over stdio for camp documents', async () => {
    const { extension, calls } = loadExtension();
    await extension.activate(context()).serverStarted;
    assert.strictEqual(calls.clients.length, 1);
    const c = calls.clients[0];
    assert.strictEqual(c.id, 'camp');
    assert.strictEqual(c.serverOptions.command, 'camp');
    assert.deepStrictEqual(c.serverOptions.args, ['lsp']);
    assert.strictEqual(c.serverOptions.transport, undefined, 'stdio, without the --stdio argument');
    assert.strictEqual(c.serverOptions.options.cwd, '/w');
    assert.deepStrictEqual(c.clientOptions.documentSelector.map((d) => d.language), ['camp', 'camp']);
    assert.deepStrictEqual(calls.errors, []);
    assert.deepStrictEqual(calls.commands, ['camp.restartServer']);
    assert.deepStrictEqual(calls.folding[0].selector, { language: 'camp' });
    const folds = calls.folding[0].provider.provideFoldingRanges({ getText: () => 'flow {\n  a -> b\n}' });
    assert.deepStrictEqual(folds.map((f) => [f.start, f.end]), [[0, 1]]);
});

test('camp.path is used, relative to the workspace folder', async () => {
    const { extension, calls } = loadExtension({ settings: { path: './camp' } });
    await extension.activate(context()).serverStarted;
    assert.strictEqual(calls.clients[0].serverOptions.command, path.resolve('/w', 'camp'));
});

test('a server that cannot start gets one clear message, not the client\'s own', async () => {
    const { extension, calls } = loadExtension({
        start: (client) => {
            client.error("Camp Language Server client: couldn't create connection to server.", undefined, 'force');
            return Promise.reject('Launching server using command camp failed. Error: spawn camp ENOENT');
        },
    });
    await extension.activate(context()).serverStarted;
    assert.strictEqual(calls.errors.length, 1);
    assert.match(calls.errors[0].message, /"camp" was not found/);
    assert.deepStrictEqual(calls.errors[0].items, ['Open Settings', 'Show Output', 'Turn Off Server']);
    assert.deepStrictEqual(calls.clientErrors.map((e) => e.showNotification), [false]);
    assert.deepStrictEqual(calls.clients[0].clientOptions.errorHandler.closed(), { action: 1, handled: true });
});

test('a server that exits before it is ready is reported too', async () => {
    // what the language client does when `camp lsp` prints its usage and exits
    const { extension, calls } = loadExtension({
        start: (client) => {
            client.running = false;
            return Promise.resolve();
        },
    });
    await extension.activate(context()).serverStarted;
    assert.strictEqual(calls.errors.length, 1);
    assert.match(calls.errors[0].message, /"camp lsp" failed \(the server exited before it was ready\)/);
});

test('once started, a server that stops is restarted a few times', async () => {
    const { extension, calls } = loadExtension();
    await extension.activate(context()).serverStarted;
    const { closed } = calls.clients[0].clientOptions.errorHandler;
    const actions = [1, 2, 3, 4, 5].map(() => closed().action);
    assert.deepStrictEqual(actions, [2, 2, 2, 2, 1]);
});

test('camp.server.enabled = false starts no server', async () => {
    const { extension, calls } = loadExtension({ settings: { 'server.enabled': false } });
    await extension.activate(context()).serverStarted;
    assert.strictEqual(calls.clients.length, 0);
    assert.deepStrictEqual(calls.errors, []);
});
