'use strict';
// What the grammar must colour, token by token, on lines chosen for what they can get wrong.
// Each expectation names a piece of the source (see find) and a scope that every character of it
// must have, or with '!' a scope prefix that none of them may have.
const test = require('node:test');
const assert = require('node:assert');
const { tokenize } = require('./lib/textmate');
const { render, target } = require('../scripts/build-grammar');
const fs = require('fs');

/** The scopes of each UTF-16 offset of the text (line breaks have none). */
async function scopesOf(text) {
    const lines = await tokenize(text);
    const scopes = [];
    lines.forEach((line) => {
        const row = new Array(line.text.length);
        line.tokens.forEach((t) => row.fill(t.scopes, t.start, t.end));
        scopes.push(...row, undefined);
    });
    return scopes;
}

const isLetter = (c) => c !== undefined && /[A-Za-z_]/.test(c);

/**
 * Where a piece is: its nth occurrence (`at`, from 0) after the text `after`; a word (or words)
 * is not found inside another word, so that `day` is not found in `today`.
 */
function find(text, piece, options) {
    let from = options.after ? text.indexOf(options.after) + options.after.length : 0;
    assert.ok(!options.after || from >= options.after.length, `'${options.after}' is not in: ${text}`);
    for (let n = 0; ; from++) {
        const i = text.indexOf(piece, from);
        assert.ok(i >= 0, `'${piece}' (occurrence ${n}${options.after ? ` after '${options.after}'` : ''}) is not in: ${text}`);
        const whole = !/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(piece)
            || (!isLetter(text[i - 1]) && !isLetter(text[i + piece.length]));
        if (whole && n++ === (options.at || 0)) {
            return i;
        }
        from = i;
    }
}

function check(text, scopes, expectation) {
    const [piece, scope, options = {}] = expectation;
    const at = find(text, piece, options);
    for (let k = at; k < at + piece.length; k++) {
        if (text[k] === '\n') {
            continue;
        }
        const got = scopes[k] || [];
        const shown = `'${piece}' at ${at} in: ${text}\n  has ${got.slice(1).join(' ')}`;
        if (scope.startsWith('!')) {
            assert.ok(!got.some((s) => s.startsWith(scope.slice(1))), `${shown}\n  but must not have ${scope.slice(1)}*`);
        } else {
            assert.ok(got.includes(scope), `${shown}\n  but must have ${scope}`);
        }
    }
}

const CASES = {
    'escapes in strings': [
        'param s: text = "say \\"hi\\"\\\\ then\\nnew line\\ttab"',
        ['"say \\"hi\\"\\\\ then\\nnew line\\ttab"', 'string.quoted.double.camp'],
        ['\\"', 'constant.character.escape.camp'],
        ['\\\\', 'constant.character.escape.camp'],
        ['\\n', 'constant.character.escape.camp'],
        ['\\t', 'constant.character.escape.camp'],
    ],
    'an unknown escape is invalid; \\\\ in a regex is an escape': [
        'activity a: build p where x matches "\\d+" or y matches "^\\\\d+$"',
        ['\\d', 'invalid.illegal.escape.camp'],
        ['\\\\', 'constant.character.escape.camp'],
        ['d+$', '!invalid'],
    ],
    'placeholders, with a default in escaped quotes, dotted, raw': [
        'subject "Hi {{first_name}}, {{ store.name | default \\"our shop\\" }}! {{{html}}}"',
        ['{{first_name}}', 'meta.embedded.placeholder.camp'],
        ['first_name', 'variable.other.placeholder.camp'],
        ['store.name', 'variable.other.placeholder.camp'],
        ['default', 'keyword.other.default.camp'],
        ['\\"our shop\\"', 'string.quoted.double.camp'],
        ['\\"', 'constant.character.escape.camp', { at: 0 }],
        ['{{{html}}}', 'meta.embedded.placeholder.camp'],
        ['html', 'variable.other.placeholder.camp'],
        ['! ', 'string.quoted.double.camp'],
        ['! ', '!meta.embedded'],
    ],
    'what is not a placeholder stays text': [
        'text "{{ first name }} {{a}}} {{{b}} }} {{c"',
        ['{{ first name }}', '!meta.embedded'],
        ['{{a}}}', '!meta.embedded'],
        ['{{{b}}', '!meta.embedded'],
        ['{{c', '!meta.embedded'],
    ],
    'a triple-quoted string over several lines is raw text with placeholders': [
        'activity m: email {\n  body """\n    <p>Hello {{first_name | default "there"}},</p>\n    <p>"Quotes", a \\ backslash, // no comment</p>\n  """ // a comment\n}',
        ['"""\n    <p>Hello ', 'string.quoted.triple.camp'],
        ['first_name', 'variable.other.placeholder.camp'],
        ['default', 'keyword.other.default.camp'],
        ['"there"', 'string.quoted.double.camp'],
        ['<p>"Quotes", a \\ backslash, // no comment</p>', 'string.quoted.triple.camp'],
        ['\\', '!invalid'],
        ['// no comment', '!comment'],
        ['"""', 'punctuation.definition.string.end.camp', { at: 1 }],
        ['// a comment', 'comment.line.double-slash.camp'],
        ['}', 'punctuation.section.block.end.camp', { at: 2 }],
        ['}', '!string', { at: 2 }],
    ],
    'numbers, dates, times and timestamps': [
        'param ts: timestamp = 2026-03-01 09:00\nparam d: date = 2026-03-01\nschedule daily at 9:05, 16:00:30 until 2026-12-31\nschedule monthly on 2nd tue at 10:00\nparam x: decimal = 3.14\nparam n: int = -7',
        ['2026-03-01 09:00', 'constant.numeric.timestamp.camp'],
        ['2026-03-01', 'constant.numeric.date.camp', { at: 1 }],
        ['9:05', 'constant.numeric.time.camp'],
        ['16:00:30', 'constant.numeric.time.camp'],
        ['2026-12-31', 'constant.numeric.date.camp'],
        ['2nd', 'constant.numeric.ordinal.camp'],
        ['3.14', 'constant.numeric.decimal.camp'],
        ['-', 'keyword.operator.camp', { after: 'int =' }],
        ['7', 'constant.numeric.integer.camp'],
    ],
    'durations: a number and a unit': [
        'activity w: wait 90 days\nactivity b: build p where t > now() - 1 minute - 3days and h > 2 hours',
        ['90', 'constant.numeric.integer.camp'],
        ['days', 'keyword.other.unit.camp'],
        ['minute', 'keyword.other.unit.camp'],
        ['3', 'constant.numeric.integer.camp'],
        ['days', 'keyword.other.unit.camp', { at: 1 }],
        ['hours', 'keyword.other.unit.camp'],
    ],
    'units outside a duration': [
        'activity m: sms { text "x" throttle 5 per second cap 1 per day }\nschedule monthly on day 1, 15 at 08:00\nschedule monthly on last day at 18:00',
        ['second', 'keyword.other.unit.camp'],
        ['day', 'keyword.other.unit.camp', { at: 0 }],
        ['day', 'keyword.other.unit.camp', { at: 1 }],
        ['day', 'keyword.other.unit.camp', { at: 2 }],
    ],
    'booleans and null': [
        'activity a: build p where x = true or y = false or z is not null',
        ['true', 'constant.language.camp'],
        ['false', 'constant.language.camp'],
        ['null', 'constant.language.camp'],
    ],
    'statement keywords and the names they define': [
        'campaign "C"\nimport "lib.camp"\nparam min_points: int = 500\nentity profiles key id from csv "p.csv" {\n  id: int\n}\naudience loyal = profiles where points > min_points\ntest audience = profiles where in audience staff\nactivity optins: build loyal\nschedule daily at 09:00\nflow { optins }',
        ['campaign', 'keyword.control.camp'],
        ['import', 'keyword.control.camp'],
        ['param', 'keyword.control.camp'],
        ['min_points', 'variable.parameter.camp'],
        ['int', 'support.type.camp'],
        ['entity', 'keyword.control.camp'],
        ['profiles', 'entity.name.type.entity.camp'],
        ['key', 'keyword.other.camp'],
        ['audience', 'keyword.control.camp'],
        ['loyal', 'entity.name.type.audience.camp'],
        ['test', 'keyword.control.camp'],
        ['audience', 'keyword.control.camp', { at: 1 }],
        ['audience', 'keyword.other.camp', { at: 2 }],
        ['staff', 'variable.other.audience.camp'],
        ['activity', 'keyword.control.camp'],
        ['optins', 'entity.name.function.activity.camp'],
        ['schedule', 'keyword.control.camp'],
        ['flow', 'keyword.control.camp'],
    ],
    'every activity kind after NAME:': [
        ['build x', 'load csv "f" { a: int }', 'reconcile to x on a = b', 'combine union', 'dedup by a',
            'split { a: b }', 'enrich { a = 1 }', 'change dimension to x', 'test { a: otherwise }', 'fork',
            'join', 'wait 1 day', 'email { body "b" }', 'sms { text "t" }', 'push { title "t" }',
            'save audience "x"', 'alert "t" "m"', 'end'].map((k, i) => `activity a${i}: ${k}`).join('\n'),
        ...['build', 'load', 'reconcile', 'combine', 'dedup', 'split', 'enrich', 'change dimension', 'test', 'fork',
            'join', 'wait', 'email', 'sms', 'push', 'save audience', 'alert', 'end']
            .map((k) => [k, 'support.function.activity.camp']),
    ],
    'a kind written against the colon, and on a line of its own': [
        'activity all:build people\nactivity tiers: split\n{ a: b }',
        ['build', 'support.function.activity.camp'],
        ['split', 'support.function.activity.camp'],
    ],
    'clause and option keywords': [
        [
            'activity a: build saved "vip" of profiles where x incremental on t history 30 days skip empty',
            'activity d: dedup by email keep 2 first by points desc, id asc',
            'activity n: dedup by email non empty phone',
            'activity p: dedup by email prefer country in ("FR")',
            'activity s: split overlapping { a: x limit 10 order by y desc random  b: remainder }',
            'activity r: reconcile to p on a = b keep unmatched',
            'activity c: combine intersection',
            'activity j: join primary a',
            'activity w: wait until t',
            'schedule weekly every 2 weeks on mon at 10:00 from 2026-01-01 until 2026-02-01 max 3 runs timezone "UTC"',
            'schedule once at 2026-03-01 09:00',
            'activity m: email { to e from "x" subject "s" body template "t" per orders throttle 5 per second waves 2 every 1 hour cap 1 per week }',
        ].join('\n'),
        ...['saved', 'of', 'where', 'incremental', 'on', 'history', 'skip empty', 'by', 'keep', 'first', 'desc',
            'asc', 'non empty', 'prefer', 'overlapping', 'limit', 'order', 'random', 'remainder', 'to', 'unmatched',
            'intersection', 'primary', 'until', 'weekly', 'every', 'from', 'max', 'runs', 'timezone', 'once', 'at',
            'subject', 'body', 'template', 'per', 'throttle', 'waves', 'cap']
            .map((k) => [k, 'keyword.other.camp', { after: k === 'to' || k === 'from' ? 'email {' : undefined }]),
    ],
    'operator words are reserved': [
        'activity a: build p where a not in (1, 2) and b between 1 and 5 and c is null or d starts with "x" or e ends with "y" or f contains "z" or g matches "h"',
        ...['not', 'in', 'and', 'between', 'is', 'or', 'starts with', 'ends with', 'contains', 'matches']
            .map((w) => [w, 'keyword.operator.word.camp']),
        ['where', 'keyword.other.camp'],
    ],
    'operators': [
        'activity a: build p where a != 1 and b <= 2 and c >= 3 and d < 4 and e > 5 and f = 6 + 7 - 8 * 9 / 10 % 3\nschedule daily at 09:00 on mon..fri\nflow { a -> b }',
        ...['!=', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', '%', '..', '->']
            .map((op) => [op, 'keyword.operator.camp']),
    ],
    'what camp writes otherwise is invalid': [
        "activity a: build p where a == 1 && b = 'x' || c = “y” and d = @",
        ['==', 'invalid.illegal.operator.camp'],
        ['&&', 'invalid.illegal.operator.camp'],
        ['||', 'invalid.illegal.operator.camp'],
        ["'x'", 'invalid.illegal.string.camp'],
        ['“y”', 'invalid.illegal.string.camp'],
        ['@', 'invalid.illegal.character.camp'],
    ],
    'types after a colon': [
        'entity e key id from table "t" {\n  a: int\n  b: decimal\n  c: float\n  d: text\n  e: bool\n  f: date\n  g: timestamp\n}',
        ...['int', 'decimal', 'float', 'text', 'bool', 'date', 'timestamp'].map((t) => [t, 'support.type.camp']),
        ['c', 'variable.other.property.camp'],
    ],
    'keywords used as names': [
        'entity contacts key key from table "c" {\n  email: text\n  date: date\n  limit: int\n  consent email: random\n}\naudience active = contacts where date < today() and campaign = "x" and limit < 10\nactivity enrich: enrich { schedule = end + 1 day  flow = text }\nactivity split: split { email: email is not null  order: remainder }',
        ['key', 'variable.other.property.camp', { at: 1 }],
        ['email', 'variable.other.property.camp'],
        ['date', 'variable.other.property.camp'],
        ['date', 'support.type.camp', { at: 1 }],
        ['limit', 'variable.other.property.camp'],
        ['random', 'variable.other.property.camp'],
        ['date', '!keyword', { at: 2 }],
        ['date', '!support', { at: 2 }],
        ['campaign', '!keyword'],
        ['limit', '!keyword', { at: 1 }],
        ['enrich', 'entity.name.function.activity.camp'],
        ['enrich', 'support.function.activity.camp', { at: 1 }],
        ['schedule', 'variable.other.property.camp'],
        ['end', '!keyword'],
        ['end', '!support'],
        ['text', '!support', { after: 'flow = ' }],
        ['text', '!keyword', { after: 'flow = ' }],
        ['email', 'variable.other.port.camp', { at: 2 }],
        ['email', '!keyword', { at: 3 }],
        ['order', 'variable.other.port.camp'],
        ['remainder', 'keyword.other.camp'],
    ],
    'backquoted names, even of reserved words': [
        'entity `where` key `and` from table "odd" {\n  `first name`: text\n}\nactivity `build`: build `where` where `in` = 1',
        ['`where`', 'entity.name.type.entity.camp'],
        ['`first name`', 'variable.other.property.camp'],
        ['`build`', 'entity.name.function.activity.camp'],
        ['`where`', 'variable.other.quoted.camp', { at: 1 }],
        ['`where`', '!keyword', { at: 1 }],
        ['`in`', 'variable.other.quoted.camp'],
        ['where', 'keyword.other.camp', { at: 2 }],
    ],
    'comments anywhere, never in a string': [
        'param p: int = 1 // a comment\nactivity /* inline */ a: build x /* block\n over lines */ where y = "// not a comment" /**/',
        ['// a comment', 'comment.line.double-slash.camp'],
        ['/* inline */', 'comment.block.camp'],
        ['/* block\n over lines */', 'comment.block.camp'],
        ['where', 'keyword.other.camp'],
        ['// not a comment', 'string.quoted.double.camp'],
        ['// not a comment', '!comment'],
        ['/**/', 'comment.block.camp'],
    ],
    'flow: activities, ports after a dot': [
        'flow {\n  a, b -> c\n  tiers.gold -> mail // gold\n  mail.failed -> end; split.`other one` -> keep\n}',
        ['tiers', 'variable.other.activity.camp'],
        ['.', 'punctuation.accessor.camp'],
        ['gold', 'variable.other.port.camp'],
        ['->', 'keyword.operator.camp'],
        ['mail', 'variable.other.activity.camp'],
        ['failed', 'variable.other.port.camp'],
        ['end', 'variable.other.activity.camp'],
        ['split', 'variable.other.activity.camp'],
        ['`other one`', 'variable.other.port.camp'],
    ],
    'functions': [
        'activity a: build p where lower(x) = "a" and days_between(t, now()) > count(purchases where amount > max(purchases.amount)) and foo(1)\nactivity l: load csv "f" { a: int } reject max 10',
        ...['lower', 'days_between', 'now', 'count', 'max'].map((f) => [f, 'support.function.builtin.camp']),
        ['amount', 'variable.other.property.camp', { at: 1 }],
        ['foo', 'variable.function.camp'],
        ['max', 'keyword.other.camp', { at: 1 }],
    ],
    'an unterminated string ends at the end of its line': [
        'activity a: email { subject "Hello {{first_name}}\n  body "ok" }\nactivity b: build p where n = "x\\\nactivity c: fork',
        ['body', 'keyword.other.camp'],
        ['body', '!string'],
        ['\\', 'invalid.illegal.escape.camp'],
        ['activity c', '!string'],
        ['activity', 'keyword.control.camp', { at: 2 }],
    ],
    'a block left open ends at the next statement': [
        'activity f: enrich {\n  a = 1\nactivity g: split {\n  one: x\nentity h key id from table "h" {\n  id: int\nflow {\n  f -> g\nactivity i: fork',
        ['activity', '!meta.block', { at: 1 }],
        ['entity', '!meta.block'],
        ['flow', '!meta.block.members'],
        ['activity', '!meta.block', { at: 2 }],
        ['fork', 'support.function.activity.camp'],
    ],
};

test('the committed JSON grammar is what camp.tmLanguage.src.js builds', () => {
    assert.strictEqual(fs.readFileSync(target, 'utf8'), render(),
        'syntaxes/camp.tmLanguage.json is out of date: run npm run build:grammar');
});

for (const [name, [text, ...expectations]] of Object.entries(CASES)) {
    test(name, async () => {
        const scopes = await scopesOf(text);
        expectations.forEach((e) => check(text, scopes, e));
    });
}
