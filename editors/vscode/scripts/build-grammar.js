'use strict';
// Writes syntaxes/camp.tmLanguage.json from syntaxes/camp.tmLanguage.src.js.
// `node scripts/build-grammar.js --check` exits 1 when the JSON is not up to date.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const target = path.join(root, 'syntaxes', 'camp.tmLanguage.json');

/**
 * camp's word boundary, which replaces \b in the regexes of the source: a word is ASCII letters,
 * digits and _, and may start right after digits, as the lexer reads `5days` as 5 then days and
 * `é` as a character of its own. Oniguruma's \b knows neither.
 */
const BOUNDARY = '(?:(?<![A-Za-z_])(?=[A-Za-z_])|(?<=[A-Za-z0-9_])(?![A-Za-z0-9_]))';
const REGEX_KEYS = new Set(['match', 'begin', 'end', 'while']);

function withBoundaries(value, key) {
    if (typeof value === 'string' && REGEX_KEYS.has(key)) {
        // a \b that is not itself an escaped backslash followed by b
        return value.replace(/(?<!\\)((?:\\\\)*)\\b/g, `$1${BOUNDARY}`);
    }
    if (Array.isArray(value)) {
        return value.map((v) => withBoundaries(v));
    }
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBoundaries(v, k)]));
    }
    return value;
}

function render() {
    const source = withBoundaries(require(path.join(root, 'syntaxes', 'camp.tmLanguage.src.js')));
    const header = {
        information_for_contributors: [
            'Generated from camp.tmLanguage.src.js by `npm run build:grammar`: edit that file, not this one.',
        ],
    };
    return JSON.stringify({ ...header, ...source }, null, 2) + '\n';
}

module.exports = { render, target };

if (require.main === module) {
    const text = render();
    if (process.argv.includes('--check')) {
        const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
        if (current !== text) {
            console.error(`${path.relative(process.cwd(), target)} is not up to date: run npm run build:grammar`);
            process.exit(1);
        }
    } else {
        fs.writeFileSync(target, text);
        console.log(`wrote ${path.relative(process.cwd(), target)}`);
    }
}
