'use strict';
// Writes syntaxes/camp.tmLanguage.json from syntaxes/camp.tmLanguage.src.js.
// `node scripts/build-grammar.js --check` exits 1 when the JSON is not up to date.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const target = path.join(root, 'syntaxes', 'camp.tmLanguage.json');

function render() {
    const source = require(path.join(root, 'syntaxes', 'camp.tmLanguage.src.js'));
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
