'use strict';
// The Markdown injection: a ```camp fenced block is coloured with the camp grammar, and ends at
// its closing fence even when the camp inside it is unfinished.
// (Markdown's own grammar ships with VS Code; a stand-in with the same scope name hosts the injection.)
const test = require('node:test');
const assert = require('node:assert');
const { tokenize } = require('./lib/textmate');

const scopeAt = (lines, line, piece) => {
    const l = lines[line];
    const i = l.text.indexOf(piece);
    assert.ok(i >= 0, `'${piece}' is not on line ${line}: ${l.text}`);
    return l.tokens.find((t) => t.start <= i && i < t.end).scopes;
};

test('a ```camp block in Markdown is coloured as camp', async () => {
    const md = [
        '# Title',
        '',
        '```camp',
        'activity later: wait 3 days   // a comment',
        'activity mail: email { subject "Hi {{first_name}}" body """unclosed',
        '```',
        '',
        'activity after the block is plain text',
        '',
        '  ~~~Camp title="x"',
        '  flow { tiers.gold -> mail }',
        '  ~~~',
        '```sql',
        'activity in another language',
        '```',
    ].join('\n');
    const lines = await tokenize(md, 'text.html.markdown');
    assert.ok(scopeAt(lines, 3, 'activity').includes('keyword.control.camp'));
    assert.ok(scopeAt(lines, 3, 'activity').includes('meta.embedded.block.camp'));
    assert.ok(scopeAt(lines, 3, 'wait').includes('support.function.activity.camp'));
    assert.ok(scopeAt(lines, 3, 'days').includes('keyword.other.unit.camp'));
    assert.ok(scopeAt(lines, 3, '// a').includes('comment.line.double-slash.camp'));
    assert.ok(scopeAt(lines, 4, 'first_name').includes('variable.other.placeholder.camp'));
    assert.ok(scopeAt(lines, 2, 'camp').includes('fenced_code.block.language.markdown'));
    // the unclosed """ does not run past the fence
    assert.ok(scopeAt(lines, 5, '```').includes('punctuation.definition.markdown'));
    assert.ok(!scopeAt(lines, 7, 'activity').some((s) => s.endsWith('.camp')));
    assert.ok(scopeAt(lines, 10, 'gold').includes('variable.other.port.camp'));
    assert.ok(!scopeAt(lines, 13, 'activity').some((s) => s.endsWith('.camp')));
});
