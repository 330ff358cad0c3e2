'use strict';
// Snapshots of the colouring of test/corpus/*.camp: for each line, each token that is not
// whitespace, marked with carets under the line, and its scopes (without source.camp).
// A change of colouring fails until the snapshot is updated and reviewed:
//   CAMP_UPDATE_SNAPSHOTS=1 npm test     (then read the diff of test/corpus/*.snap)
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { tokenize } = require('./lib/textmate');

const corpus = path.join(__dirname, 'corpus');
const update = process.env.CAMP_UPDATE_SNAPSHOTS === '1';

async function render(text) {
    const out = [];
    for (const line of await tokenize(text)) {
        out.push(`>${line.text}`);
        for (const t of line.tokens) {
            if (t.text.trim() === '') {
                continue;
            }
            out.push(`#${' '.repeat(t.start)}${'^'.repeat(t.end - t.start)} ${t.scopes.slice(1).join(' ')}`);
        }
    }
    return out.join('\n') + '\n';
}

for (const name of fs.readdirSync(corpus).filter((f) => f.endsWith('.camp')).sort()) {
    test(`corpus/${name} is coloured as its snapshot says`, async () => {
        const actual = await render(fs.readFileSync(path.join(corpus, name), 'utf8'));
        const snap = path.join(corpus, `${name}.snap`);
        if (update) {
            fs.writeFileSync(snap, actual);
            return;
        }
        assert.ok(fs.existsSync(snap), `no snapshot ${path.relative(process.cwd(), snap)}: run CAMP_UPDATE_SNAPSHOTS=1 npm test and review it`);
        assert.strictEqual(actual, fs.readFileSync(snap, 'utf8'),
            `the colouring of corpus/${name} changed: if that is intended, run CAMP_UPDATE_SNAPSHOTS=1 npm test and review the diff`);
    });
}
