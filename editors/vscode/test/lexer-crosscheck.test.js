'use strict';
// Cross-check of the TextMate grammar against the compiler's ANTLR lexer (grammar/Camp.g4), so
// that the two cannot drift apart. For every .camp file of the repository, each token that
// `camp explain --stage tokens FILE` prints must be coloured by TextMate with a scope of the
// token's class (a STRING inside string.*, a DATE inside constant.numeric.*...), and the text
// between tokens (whitespace and comments, which the lexer hides) must be whitespace or comment.*.
//
// The tokens come from, in this order:
//   CAMP_TOKENS_DIR  a folder holding RELATIVE_PATH.tokens for each file (what the Maven test
//                    TextMateGrammarTest writes before it runs this test);
//   CAMP_JAR         the camp jar: `java -jar $CAMP_JAR explain --stage tokens FILE` per file (slow).
// Without either, the cross-check is skipped.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { tokenize } = require('./lib/textmate');
const { repo, campFiles, readSource } = require('./lib/files');

const STRING = 'string.';
const COMMENT = 'comment.';
const CONSTANT = 'constant.';
const INVALID = 'invalid.';

/**
 * Classes of tokens: every character of a token must have a scope that starts with one of
 * `require`, and none that starts with one of `forbid`.
 */
const CLASSES = {
    string: { require: [STRING], forbid: [COMMENT] },
    integer: { require: ['constant.numeric.integer.', 'constant.numeric.decimal.'], forbid: [STRING, COMMENT] },
    decimal: { require: ['constant.numeric.decimal.'], forbid: [STRING, COMMENT] },
    date: { require: ['constant.numeric.date.', 'constant.numeric.timestamp.'], forbid: [STRING, COMMENT] },
    time: { require: ['constant.numeric.time.', 'constant.numeric.timestamp.'], forbid: [STRING, COMMENT] },
    ordinal: { require: ['constant.numeric.ordinal.'], forbid: [STRING, COMMENT] },
    languageConstant: { require: ['constant.language.'], forbid: [STRING, COMMENT, 'keyword.', 'variable.'] },
    // the reserved words are keywords wherever they are
    reserved: { require: ['keyword.'], forbid: [STRING, COMMENT, CONSTANT, 'variable.', 'entity.name.', 'support.', INVALID] },
    // every other keyword is a keyword or a name, depending on its place
    contextual: {
        require: ['keyword.', 'support.', 'entity.name.', 'variable.'],
        forbid: [STRING, COMMENT, CONSTANT, INVALID],
    },
    name: {
        require: ['variable.', 'entity.name.', 'support.'],
        forbid: [STRING, COMMENT, CONSTANT, INVALID, 'keyword.', 'support.type.'],
    },
    operator: { require: ['keyword.operator.'], forbid: [STRING, COMMENT, CONSTANT, INVALID] },
    punctuation: { require: ['punctuation.'], forbid: [STRING, COMMENT, CONSTANT, INVALID, 'keyword.', 'variable.'] },
    // tokens that the lexer makes only to report them
    invalid: { require: [INVALID], forbid: [COMMENT] },
};

/**
 * Every token type of grammar/Camp.g4 and its class. A lexer rule missing here fails the test:
 * whoever adds a token decides how the editors show it.
 */
const TOKEN_CLASS = {
    // expression operators (reserved)
    AND: 'reserved', OR: 'reserved', NOT: 'reserved', IN: 'reserved', IS: 'reserved',
    BETWEEN: 'reserved', CONTAINS: 'reserved', STARTS: 'reserved', ENDS: 'reserved',
    MATCHES: 'reserved', WHERE: 'reserved',
    NULL: 'languageConstant', TRUE: 'languageConstant', FALSE: 'languageConstant',

    // keywords that are also names
    CAMPAIGN: 'contextual', IMPORT: 'contextual', PARAM: 'contextual', ENTITY: 'contextual',
    AUDIENCE: 'contextual', ACTIVITY: 'contextual', FLOW: 'contextual', SCHEDULE: 'contextual',
    TEST: 'contextual', KEY: 'contextual', FROM: 'contextual', TABLE: 'contextual', CSV: 'contextual',
    PARQUET: 'contextual', QUERY: 'contextual', MANY: 'contextual', ONE: 'contextual', ON: 'contextual',
    CONSENT: 'contextual', INT_TYPE: 'contextual', DECIMAL_TYPE: 'contextual', FLOAT_TYPE: 'contextual',
    TEXT: 'contextual', BOOL_TYPE: 'contextual', DATE_TYPE: 'contextual', TIMESTAMP_TYPE: 'contextual',
    BUILD: 'contextual', LOAD: 'contextual', RECONCILE: 'contextual', COMBINE: 'contextual',
    DEDUP: 'contextual', SPLIT: 'contextual', ENRICH: 'contextual', CHANGE: 'contextual',
    DIMENSION: 'contextual', FORK: 'contextual', JOIN: 'contextual', WAIT: 'contextual',
    EMAIL: 'contextual', SMS: 'contextual', PUSH: 'contextual', SAVE: 'contextual', ALERT: 'contextual',
    END: 'contextual', SAVED: 'contextual', OF: 'contextual', INCREMENTAL: 'contextual',
    HISTORY: 'contextual', SKIP_: 'contextual', EMPTY: 'contextual', REJECT: 'contextual',
    MAX: 'contextual', TO: 'contextual', UNION: 'contextual', INTERSECTION: 'contextual',
    EXCLUSION: 'contextual', KEEP: 'contextual', UNMATCHED: 'contextual', BY: 'contextual',
    FIRST: 'contextual', ASC: 'contextual', DESC: 'contextual', NON: 'contextual', PREFER: 'contextual',
    RANDOM: 'contextual', OVERLAPPING: 'contextual', LIMIT: 'contextual', ORDER: 'contextual',
    REMAINDER: 'contextual', OTHERWISE: 'contextual', PRIMARY: 'contextual', UNTIL: 'contextual',
    SUBJECT: 'contextual', BODY: 'contextual', TEMPLATE: 'contextual', TITLE: 'contextual',
    PER: 'contextual', THROTTLE: 'contextual', SECOND: 'contextual', WAVES: 'contextual',
    EVERY: 'contextual', CAP: 'contextual', ONCE: 'contextual', AT: 'contextual', DAILY: 'contextual',
    WEEKLY: 'contextual', MONTHLY: 'contextual', LAST: 'contextual', TIMEZONE: 'contextual',
    RUNS: 'contextual', WITH: 'contextual', MINUTE: 'contextual', MINUTES: 'contextual',
    HOUR: 'contextual', HOURS: 'contextual', DAY: 'contextual', DAYS: 'contextual', WEEK: 'contextual',
    WEEKS: 'contextual', MONTH: 'contextual', MONTHS: 'contextual', YEAR: 'contextual',
    YEARS: 'contextual',

    // punctuation
    ARROW: 'operator', DOTDOT: 'operator', NE: 'operator', LE: 'operator', GE: 'operator',
    EQ: 'operator', LT: 'operator', GT: 'operator', PLUS: 'operator', MINUS: 'operator',
    STAR: 'operator', SLASH: 'operator', PERCENT: 'operator',
    DOT: 'punctuation', COMMA: 'punctuation', COLON: 'punctuation', SEMICOLON: 'punctuation',
    LBRACE: 'punctuation', RBRACE: 'punctuation', LPAREN: 'punctuation', RPAREN: 'punctuation',

    // literals
    DATE: 'date', TIME: 'time', ORDINAL: 'ordinal', DECIMAL_NUMBER: 'decimal', INTEGER: 'integer',
    LONG_STRING: 'string', STRING: 'string',
    UNTERMINATED_STRING: 'string', // a string to the end of its line (reported by the compiler)
    SINGLE_QUOTED_STRING: 'invalid', TYPOGRAPHIC_STRING: 'invalid',
    DOUBLE_AMPERSAND: 'invalid', DOUBLE_BAR: 'invalid', DOUBLE_EQUALS: 'invalid',
    IDENTIFIER: 'name', QUOTED_IDENTIFIER: 'name',
    UNEXPECTED_CHAR: 'invalid',
};

/** Lexer rules on the hidden channel: never printed as tokens, checked as the text between tokens. */
const HIDDEN = { LINE_COMMENT: 'comment', BLOCK_COMMENT: 'comment', WS: 'whitespace' };

/** The lexer's whitespace (rule WS). */
const WHITESPACE = new Set([' ', '\t', '\r', '\n', '\f', '\u00A0', '\uFEFF']);

function lexerRules() {
    const g4 = fs.readFileSync(path.join(repo, 'grammar', 'Camp.g4'), 'utf8');
    const lexer = g4.slice(g4.indexOf('// ================================================================ lexer'));
    assert.ok(lexer.length < g4.length, 'the lexer section marker of Camp.g4 was not found');
    return [...lexer.matchAll(/^([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]);
}

test('the class table names every token type of the lexer, and nothing else', () => {
    const rules = lexerRules();
    const known = new Set([...Object.keys(TOKEN_CLASS), ...Object.keys(HIDDEN)]);
    const missing = rules.filter((r) => !known.has(r));
    assert.deepStrictEqual(missing, [],
        `lexer rules of grammar/Camp.g4 without a class in ${path.basename(__filename)} (add them to TOKEN_CLASS, and to the TextMate grammar)`);
    const stale = [...known].filter((k) => !rules.includes(k));
    assert.deepStrictEqual(stale, [], 'classes for token types that grammar/Camp.g4 no longer has');
    for (const [type, cls] of Object.entries(TOKEN_CLASS)) {
        assert.ok(CLASSES[cls], `${type}: unknown class ${cls}`);
    }
});

/** The printed tokens of a file: [{ line, column, type, text }] (column in code points, 1-based). */
function antlrTokens(relative) {
    let dump;
    if (process.env.CAMP_TOKENS_DIR) {
        const file = path.join(process.env.CAMP_TOKENS_DIR, ...relative.split('/')) + '.tokens';
        assert.ok(fs.existsSync(file), `no tokens for ${relative} in CAMP_TOKENS_DIR (${file})`);
        dump = fs.readFileSync(file, 'utf8');
    } else {
        dump = execFileSync('java', ['-jar', process.env.CAMP_JAR, 'explain', '--stage', 'tokens',
            path.join(repo, relative)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    }
    return dump.split('\n').filter((l) => l.length > 0).map((l) => {
        const m = /^(\d+):(\d+)\t([A-Za-z_0-9]+)\t(.*)$/s.exec(l);
        assert.ok(m, `${relative}: cannot read token line '${l}'`);
        return { line: Number(m[1]), column: Number(m[2]), type: m[3], text: m[4] };
    });
}

/** Offsets (UTF-16) of the starts of the lines, split at \n as the compiler counts lines. */
function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') {
            starts.push(i + 1);
        }
    }
    return starts;
}

/** Where each printed token is in the text: adds start and end (UTF-16 offsets). */
function locate(relative, text, tokens) {
    const starts = lineStarts(text);
    for (const t of tokens) {
        let i = starts[t.line - 1];
        assert.ok(i !== undefined, `${relative}: token ${t.type} on line ${t.line}, past the end`);
        for (let c = 1; c < t.column; c++) {
            i += text.codePointAt(i) > 0xFFFF ? 2 : 1;
        }
        // the printed text has its line breaks written \n
        let printed = '';
        let j = i;
        while (printed.length < t.text.length && j < text.length) {
            const cp = String.fromCodePoint(text.codePointAt(j));
            printed += cp === '\n' ? '\\n' : cp;
            j += cp.length;
        }
        assert.strictEqual(printed, t.text, `${relative}:${t.line}:${t.column}: ${t.type} is not where the lexer says`);
        t.start = i;
        t.end = j;
    }
}

/** The TextMate scopes of every UTF-16 offset of the text (undefined at line breaks). */
async function scopesByOffset(text) {
    const lines = await tokenize(text);
    const starts = lineStarts(text);
    const scopes = new Array(text.length);
    lines.forEach((line, n) => {
        for (const t of line.tokens) {
            for (let k = t.start; k < t.end; k++) {
                scopes[starts[n] + k] = t.scopes;
            }
        }
    });
    return scopes;
}

const has = (scopes, prefixes) => (scopes || []).some((s) => prefixes.some((p) => s.startsWith(p)));

/** Checks one file; returns its tokens and the list of disagreements. */
async function crossCheck(relative) {
    const text = readSource(relative);
    const tokens = antlrTokens(relative);
    locate(relative, text, tokens);
    const scopes = await scopesByOffset(text);
    const problems = [];
    const where = (offset) => {
        const starts = lineStarts(text);
        let line = starts.length;
        while (starts[line - 1] > offset) {
            line--;
        }
        return `${relative}:${line}:${[...text.slice(starts[line - 1], offset)].length + 1}`;
    };
    const show = (offset) => (scopes[offset] || ['(none)']).slice(1).join(' ') || '(source only)';
    const covered = new Uint8Array(text.length);

    // The compiler stops reading at an unterminated block comment (the lexer's '/' then '*') or
    // text block (the lexer's "" then a string); TextMate colours the rest of the file as that
    // comment or string, which is checked below.
    let stop = text.length;
    let restClass = null;
    for (let k = 0; k + 1 < tokens.length; k++) {
        const [a, b] = [tokens[k], tokens[k + 1]];
        if (a.type === 'SLASH' && b.type === 'STAR' && b.start === a.end) {
            stop = a.start;
            restClass = COMMENT;
        } else if (a.type === 'STRING' && a.text === '""' && b.start === a.end && b.text.startsWith('"')) {
            stop = a.start;
            restClass = STRING;
        }
        if (restClass) {
            break;
        }
    }

    for (const t of tokens) {
        if (t.start >= stop) {
            break;
        }
        const cls = TOKEN_CLASS[t.type];
        if (!cls) {
            problems.push(`${where(t.start)}: token type ${t.type} has no class in TOKEN_CLASS`);
            continue;
        }
        const rule = CLASSES[cls];
        covered.fill(1, t.start, t.end);
        for (let k = t.start; k < t.end; k++) {
            if (text[k] === '\n' || text[k] === '\r') {
                continue;
            }
            if (!has(scopes[k], rule.require) || has(scopes[k], rule.forbid)) {
                problems.push(`${where(t.start)}: ${t.type} ${JSON.stringify(t.text)} (${cls}) is coloured ${show(k)} at ${JSON.stringify(text[k])}`);
                break;
            }
        }
    }
    for (let k = 0; k < stop; k++) {
        if (covered[k] || text[k] === '\n' || text[k] === '\r') {
            continue;
        }
        if (WHITESPACE.has(text[k])) {
            if (has(scopes[k], [STRING])) {
                problems.push(`${where(k)}: whitespace between tokens is coloured ${show(k)}`);
            }
        } else if (!has(scopes[k], [COMMENT])) {
            problems.push(`${where(k)}: ${JSON.stringify(text[k])} is hidden by the lexer (a comment) but coloured ${show(k)}`);
        }
    }
    for (let k = stop; k < text.length; k++) {
        if (!WHITESPACE.has(text[k]) && !has(scopes[k], [restClass])) {
            problems.push(`${where(k)}: after the unterminated ${restClass === COMMENT ? 'comment' : 'text block'}, ${JSON.stringify(text[k])} is coloured ${show(k)}`);
            break;
        }
    }
    return { tokens, problems };
}

const tokensAvailable = Boolean(process.env.CAMP_TOKENS_DIR || process.env.CAMP_JAR);

test('TextMate colours every lexer token of every .camp file by its class', {
    skip: tokensAvailable ? false
        : 'set CAMP_TOKENS_DIR or CAMP_JAR (mvn test runs this through TextMateGrammarTest)',
}, async (t) => {
    const files = campFiles();
    assert.ok(files.length > 50, `only ${files.length} .camp files found under ${repo}`);
    const seen = new Set();
    const failures = [];
    for (const file of files) {
        const { tokens, problems } = await crossCheck(file);
        tokens.forEach((tok) => seen.add(tok.type));
        if (problems.length > 0) {
            failures.push(...problems.slice(0, 5));
            if (problems.length > 5) {
                failures.push(`${file}: ... and ${problems.length - 5} more`);
            }
        }
    }
    t.diagnostic(`${files.length} files, ${seen.size} token types seen`);
    assert.deepStrictEqual(failures, []);
});
