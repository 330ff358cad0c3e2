'use strict';
// The .camp files of the repository that the grammar is checked on.
const fs = require('fs');
const path = require('path');

const repo = path.join(__dirname, '..', '..', '..', '..');

// The samples, every compiler test case (valid and invalid), the benchmark and this corpus.
const ROOTS = ['samples', 'src/test/resources/valid', 'src/test/resources/invalid', 'bench',
    'editors/vscode/test/corpus'];

/** Repository-relative paths ('/'-separated) of the .camp files under ROOTS; dot files are skipped. */
function campFiles() {
    const out = [];
    const walk = (dir) => {
        if (!fs.existsSync(dir)) {
            return;
        }
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (entry.name.startsWith('.')) {
                continue;
            }
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name.endsWith('.camp')) {
                out.push(path.relative(repo, full).split(path.sep).join('/'));
            }
        }
    };
    ROOTS.forEach((r) => walk(path.join(repo, r)));
    return out.sort();
}

/** A file's text as the compiler reads it: UTF-8 without a byte order mark. */
function readSource(relative) {
    const text = fs.readFileSync(path.join(repo, relative), 'utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

module.exports = { repo, campFiles, readSource };
