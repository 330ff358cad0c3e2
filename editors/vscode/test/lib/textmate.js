'use strict';
// Loads the extension's grammars into the TextMate engine that VS Code uses (vscode-textmate
// with the Oniguruma regex library compiled to WebAssembly) and tokenizes text with them.
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// A stand-in for VS Code's own Markdown grammar: enough to host the injection of ```camp blocks.
const MARKDOWN_STUB = { scopeName: 'text.html.markdown', patterns: [] };

let registryPromise;

function registry() {
    if (!registryPromise) {
        const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
        const onigLib = oniguruma.loadWASM(wasm).then(() => ({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }));
        const grammars = manifest.contributes.grammars;
        registryPromise = Promise.resolve(new vsctm.Registry({
            onigLib,
            loadGrammar: async (scopeName) => {
                if (scopeName === MARKDOWN_STUB.scopeName) {
                    return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN_STUB), 'markdown.json');
                }
                const contribution = grammars.find((g) => g.scopeName === scopeName);
                if (!contribution) {
                    return null;
                }
                const file = path.join(root, contribution.path);
                return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
            },
            getInjections: (scopeName) => grammars
                .filter((g) => (g.injectTo || []).includes(scopeName))
                .map((g) => g.scopeName),
        }));
    }
    return registryPromise;
}

/** The grammar of a scope name (source.camp by default). */
async function grammar(scopeName = 'source.camp') {
    const g = await (await registry()).loadGrammar(scopeName);
    if (!g) {
        throw new Error(`no grammar for ${scopeName}`);
    }
    return g;
}

/**
 * Tokenizes text line by line as VS Code does (a CRLF counts as one line break). Returns one
 * entry per line: { text, tokens: [{ start, end, text, scopes }] } with UTF-16 offsets.
 */
async function tokenize(text, scopeName = 'source.camp') {
    const g = await grammar(scopeName);
    const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
    let state = vsctm.INITIAL;
    const out = [];
    for (const line of lines) {
        const r = g.tokenizeLine(line, state, 10_000);
        if (r.stoppedEarly) {
            throw new Error(`tokenizing stopped early (too slow) on line: ${line}`);
        }
        out.push({
            text: line,
            tokens: r.tokens.map((t) => ({
                start: t.startIndex,
                end: Math.min(t.endIndex, line.length),
                text: line.slice(t.startIndex, t.endIndex),
                scopes: t.scopes,
            })).filter((t) => t.end > t.start || line.length === 0),
        });
        state = r.ruleStack;
    }
    return out;
}

module.exports = { grammar, tokenize, root };
