'use strict';
// The source of syntaxes/camp.tmLanguage.json. Edit this file, then run `npm run build:grammar`;
// a test fails when the JSON is not what this file builds.
//
// Regular expressions are written with String.raw, so that they read as Oniguruma sees them, and
// the pieces that recur (a name, the start of a statement) are built once below. One thing the
// build changes: \b becomes camp's word boundary (ASCII words, which may start right after digits,
// as the lexer reads `5days`), see scripts/build-grammar.js.
//
// The lexical rules follow grammar/Camp.g4, whose lexer is the truth for tokens
// (test/lexer-crosscheck.test.js compares the two on every sample and test file):
// - only the expression operators are reserved; every other keyword is also a name, so keywords
//   are coloured only where their place makes them keywords (see `keywords` and `AS_NAME`);
// - a string ends at the end of its line, as the lexer's error recovery does; a triple-quoted
//   string or a block comment that is never closed runs to the end of the file, as the compiler
//   stops reading there too;
// - numbers are matched in the lexer's order so that the longest token wins: timestamp
//   (a date and a time, two tokens for the lexer), date, time, ordinal, decimal, integer.

const RESERVED = ['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'between', 'contains',
    'starts', 'ends', 'matches', 'where'];
const TYPES = ['int', 'decimal', 'float', 'text', 'bool', 'date', 'timestamp'];
const UNITS = ['minutes?', 'hours?', 'days?', 'weeks?', 'months?', 'years?'];
const FUNCTIONS = ['lower', 'upper', 'trim', 'length', 'concat', 'coalesce', 'abs', 'round', 'floor',
    'ceil', 'year', 'month', 'day', 'weekday', 'hour', 'date', 'age', 'days_between', 'now', 'today',
    'count', 'sum', 'avg', 'min', 'max', 'exists'];
// Activity kinds that never open a block, and those that do (their block rules colour them).
const KINDS = ['build', 'reconcile', 'combine', 'dedup', String.raw`change\s+dimension`, 'fork', 'join',
    'wait', String.raw`save\s+audience`, 'alert', 'end'];
const BLOCK_KINDS = ['load', 'split', 'enrich', 'test', 'email', 'sms', 'push'];
// Keywords of clauses and options: keywords unless their place makes them names (AS_NAME).
const CLAUSE_KEYWORDS = ['key', 'from', 'table', 'csv', 'parquet', 'query', 'many', 'one', 'on',
    'consent', 'saved', 'of', 'incremental', 'history', 'skip', 'empty', 'reject', 'max', 'to', 'union',
    'intersection', 'exclusion', 'keep', 'unmatched', 'by', 'first', 'non', 'prefer', 'random',
    'overlapping', 'limit', 'order', 'remainder', 'otherwise', 'primary', 'until', 'subject', 'body',
    'template', 'title', 'per', 'throttle', 'second', 'waves', 'every', 'cap', 'once', 'at', 'daily',
    'weekly', 'monthly', 'last', 'timezone', 'runs'];

const words = (list) => `(?:${list.join('|')})`;
const BQ = '`';

/** A name: an identifier that is not a reserved word, or any backquoted text. */
const NAME = String.raw`(?:(?!${words(RESERVED)}\b)[A-Za-z_][A-Za-z0-9_]*|${BQ}[^${BQ}\r\n]+${BQ})`;
/** A placeholder's path: name or name.name... */
const PATH = String.raw`[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*`;
/**
 * What follows a word used as a name: an operator, punctuation of an expression or a list, or an
 * operator word. A keyword followed by one of these (`campaign = "x"`, `limit: int`, `order ->`)
 * is a name.
 */
const AS_NAME = String.raw`\s*(?:[:=,;.()<>+*%-]|!=|/(?![/*])|\b${words(RESERVED.filter((w) =>
    !['null', 'true', 'false', 'where'].includes(w)))}\b)`;
/**
 * The start of a line that can only begin a statement. Blocks end there even when their closing
 * brace is missing, so that one unclosed block does not colour the rest of the file.
 */
const STATEMENT_START = String.raw`^\s*(?:campaign\s*"|import\s*"|param\s+${NAME}\s*:|entity\s+${NAME}\s+key\b|audience\s+${NAME}\s*=(?!=)|activity\s+${NAME}\s*:|flow\s*\{|schedule\s+(?:once|daily|every|weekly|monthly)\b|test\s+audience\s*=)`;
const BLOCK_END = String.raw`\}|(?=${STATEMENT_START})`;

const scope = (name) => ({ name });

/** A `{ ... }` block opened by `begin`, whose captures are given, with the given rules inside. */
function block(name, begin, beginCaptures, patterns) {
    return {
        name,
        begin,
        beginCaptures,
        end: BLOCK_END,
        endCaptures: { 0: scope('punctuation.section.block.end.camp') },
        patterns,
    };
}

/**
 * The placeholders of a string: {{name}}, {{name | default "text"}} and {{{name}}}, with
 * `defaultText` the regex of the default's quoted text as it is written inside that string.
 * One line each, so that a placeholder can never run past the end of its string.
 */
function placeholder(defaultText, defaultPatterns) {
    const tail = String.raw`[ \t]*(${PATH})[ \t]*(?:(\|)[ \t]*(default)[ \t]+(${defaultText})[ \t]*)?`;
    const captures = {
        1: scope('punctuation.definition.placeholder.begin.camp'),
        2: scope('variable.other.placeholder.camp'),
        3: scope('keyword.operator.camp'),
        4: scope('keyword.other.default.camp'),
        5: { name: 'string.quoted.double.camp', patterns: defaultPatterns },
        6: scope('punctuation.definition.placeholder.end.camp'),
    };
    return {
        patterns: [
            // {{{raw}}}: not HTML-escaped
            {
                name: 'meta.embedded.placeholder.camp',
                match: String.raw`(\{\{\{)${tail}(\}\}\})`,
                captures,
            },
            {
                name: 'meta.embedded.placeholder.camp',
                match: String.raw`(?<!\{)(\{\{)(?!\{)${tail}(\}\})(?!\})`,
                captures,
            },
        ],
    };
}

const grammar = {
    name: 'Camp',
    scopeName: 'source.camp',
    fileTypes: ['camp', 'camptest'],
    patterns: [{ include: '#statements' }],
    repository: {
        statements: {
            patterns: [
                { include: '#comments' },
                { include: '#strings' },
                { include: '#campaign-import' },
                { include: '#param-statement' },
                { include: '#entity-statement' },
                { include: '#audience-statement' },
                { include: '#activity-statement' },
                { include: '#load-activity' },
                { include: '#segment-activity' },
                { include: '#enrich-activity' },
                { include: '#channel-activity' },
                { include: '#flow-statement' },
                { include: '#schedule-statement' },
                { include: '#type-after-colon' },
                { include: '#expression' },
            ],
        },

        // ------------------------------------------------------------ comments and strings

        comments: {
            patterns: [
                {
                    name: 'comment.block.camp',
                    begin: String.raw`/\*`,
                    end: String.raw`\*/`,
                    captures: { 0: scope('punctuation.definition.comment.camp') },
                },
                {
                    name: 'comment.line.double-slash.camp',
                    match: String.raw`(//).*`,
                    captures: { 1: scope('punctuation.definition.comment.camp') },
                },
            ],
        },

        strings: {
            patterns: [
                { include: '#triple-quoted-string' },
                { include: '#double-quoted-string' },
                { include: '#invalid-strings' },
            ],
        },

        'triple-quoted-string': {
            // raw text: no escapes
            name: 'string.quoted.triple.camp',
            begin: '"""',
            end: '"""',
            beginCaptures: { 0: scope('punctuation.definition.string.begin.camp') },
            endCaptures: { 0: scope('punctuation.definition.string.end.camp') },
            patterns: [{ include: '#placeholder-in-triple' }],
        },

        'double-quoted-string': {
            // ends at the end of the line when unterminated, as the lexer's recovery does
            name: 'string.quoted.double.camp',
            begin: '"',
            end: '"|$',
            beginCaptures: { 0: scope('punctuation.definition.string.begin.camp') },
            endCaptures: { 0: scope('punctuation.definition.string.end.camp') },
            patterns: [{ include: '#placeholder-in-double' }, { include: '#escapes' }],
        },

        escapes: {
            patterns: [
                { name: 'constant.character.escape.camp', match: String.raw`\\["\\nt]` },
                // any other escape is an error (E0008); so is a backslash at the end of the line
                { name: 'invalid.illegal.escape.camp', match: String.raw`\\(?:.|$)` },
            ],
        },

        // In a "..." string the default's quotes are escaped: {{name | default \"text\"}}.
        'placeholder-in-double': placeholder(
            String.raw`\\"(?:[^"\\\n]|\\[nt]|\\\\(?:[^"\\\n]|\\[nt"\\]))*\\"`,
            [{ include: '#escapes' }]),

        // In a """...""" string the text is raw: {{name | default "text"}}.
        'placeholder-in-triple': placeholder(String.raw`"(?:[^"\\\n]|\\.)*"`, []),

        'invalid-strings': {
            patterns: [
                // 'single quotes' (E0012) and typographic quotes do not make a string
                { name: 'invalid.illegal.string.camp', match: String.raw`'[^'\r\n]*'` },
                { name: 'invalid.illegal.string.camp', match: String.raw`\x{201C}[^\x{201D}\r\n]*\x{201D}` },
            ],
        },

        // ------------------------------------------------------------ statements

        'campaign-import': {
            match: String.raw`\b(campaign|import)\b(?=\s*(?:"|//|/\*|$))`,
            name: 'keyword.control.camp',
        },

        'param-statement': {
            match: String.raw`\b(param)\s+(${NAME})\s*(:)`,
            captures: {
                1: scope('keyword.control.camp'),
                2: scope('variable.parameter.camp'),
                3: scope('punctuation.separator.colon.camp'),
            },
        },

        'type-after-colon': {
            match: String.raw`(?<=:)\s*\b(${TYPES.join('|')})\b`,
            captures: { 1: scope('support.type.camp') },
        },

        'entity-statement': {
            name: 'meta.statement.entity.camp',
            begin: String.raw`\b(entity)\s+(${NAME})(?=\s+key\b|\s*(?://|/\*|$))`,
            beginCaptures: {
                1: scope('keyword.control.camp'),
                2: scope('entity.name.type.entity.camp'),
            },
            end: String.raw`(?<=\})|(?=${STATEMENT_START})`,
            patterns: [
                { include: '#comments' },
                { include: '#strings' },
                {
                    match: String.raw`\b(key)\s+(${NAME})`,
                    captures: { 1: scope('keyword.other.camp'), 2: scope('variable.other.property.camp') },
                },
                {
                    match: String.raw`\b(from)\s+(table|csv|parquet|query)\b`,
                    captures: { 1: scope('keyword.other.camp'), 2: scope('keyword.other.source.camp') },
                },
                { include: '#member-block' },
                { include: '#expression' },
            ],
        },

        // The members of an entity, and the columns of a load: NAME: TYPE, links and consents.
        'member-block': block('meta.block.members.camp', String.raw`\{`,
            { 0: scope('punctuation.section.block.begin.camp') }, [
                { include: '#comments' },
                { include: '#strings' },
                {
                    match: String.raw`\b(consent)\s+(${NAME})\s*(:)\s*(${NAME})?`,
                    captures: {
                        1: scope('keyword.other.camp'),
                        2: scope('support.constant.channel.camp'),
                        3: scope('punctuation.separator.colon.camp'),
                        4: scope('variable.other.property.camp'),
                    },
                },
                {
                    match: String.raw`(${NAME})\s*(:)`,
                    captures: {
                        1: scope('variable.other.property.camp'),
                        2: scope('punctuation.separator.colon.camp'),
                    },
                },
                { include: '#type-after-colon' },
                {
                    match: String.raw`(?<=:)\s*\b(many|one)\s+(${NAME})(?:\s+(on)\s+(${NAME}))?`,
                    captures: {
                        1: scope('keyword.other.camp'),
                        2: scope('variable.other.entity.camp'),
                        3: scope('keyword.other.camp'),
                        4: scope('variable.other.property.camp'),
                    },
                },
                { include: '#expression' },
            ]),

        'audience-statement': {
            patterns: [
                {
                    match: String.raw`\b(test)\s+(audience)\b`,
                    captures: { 1: scope('keyword.control.camp'), 2: scope('keyword.control.camp') },
                },
                {
                    match: String.raw`\b(audience)\s+(${NAME})(?=\s*=(?!=))`,
                    captures: {
                        1: scope('keyword.control.camp'),
                        2: scope('entity.name.type.audience.camp'),
                    },
                },
            ],
        },

        'activity-statement': {
            patterns: [
                {
                    match: String.raw`\b(activity)\s+(${NAME})\s*(:)`,
                    captures: {
                        1: scope('keyword.control.camp'),
                        2: scope('entity.name.function.activity.camp'),
                        3: scope('punctuation.separator.colon.camp'),
                    },
                },
                {
                    // the kind after `activity NAME:`; a kind that opens a block is coloured by its block
                    match: String.raw`(?<=:)\s*\b(${KINDS.join('|')}|(?:${BLOCK_KINDS.join('|')})(?!\s*(?:\{|csv\b|overlapping\b)))\b`,
                    captures: { 1: scope('support.function.activity.camp') },
                },
            ],
        },

        'load-activity': {
            name: 'meta.activity.load.camp',
            begin: String.raw`\b(load)\s+(csv)\b`,
            beginCaptures: {
                1: scope('support.function.activity.camp'),
                2: scope('keyword.other.source.camp'),
            },
            end: String.raw`(?<=\})|(?=${STATEMENT_START})`,
            patterns: [
                { include: '#comments' },
                { include: '#strings' },
                { include: '#member-block' },
                { include: '#expression' },
            ],
        },

        // split { NAME: EXPR options... NAME: remainder } and test { NAME: CONDITION ... NAME: otherwise }
        'segment-activity': block('meta.block.segments.camp',
            String.raw`\b(?:(split)(?:\s+(overlapping))?|(test))\s*(\{)`, {
                1: scope('support.function.activity.camp'),
                2: scope('keyword.other.camp'),
                3: scope('support.function.activity.camp'),
                4: scope('punctuation.section.block.begin.camp'),
            }, [
                { include: '#comments' },
                { include: '#strings' },
                {
                    match: String.raw`(${NAME})\s*(:)`,
                    captures: {
                        1: scope('variable.other.port.camp'),
                        2: scope('punctuation.separator.colon.camp'),
                    },
                },
                {
                    match: String.raw`(?<=:)\s*\b(remainder|otherwise)\b`,
                    captures: { 1: scope('keyword.other.camp') },
                },
                { include: '#expression' },
            ]),

        // enrich { NAME = EXPR ... }: a column is defined at the start of a line or of the block
        'enrich-activity': block('meta.block.enrich.camp', String.raw`\b(enrich)\s*(\{)`, {
            1: scope('support.function.activity.camp'),
            2: scope('punctuation.section.block.begin.camp'),
        }, [
            { include: '#comments' },
            { include: '#strings' },
            {
                match: String.raw`(?:^|(?<=\{))\s*(${NAME})\s*(=)(?!=)`,
                captures: {
                    1: scope('variable.other.property.camp'),
                    2: scope('keyword.operator.camp'),
                },
            },
            { include: '#expression' },
        ]),

        // email { ... }, sms { ... }, push { ... }
        'channel-activity': block('meta.block.channel.camp', String.raw`\b(email|sms|push)\s*(\{)`, {
            1: scope('support.function.activity.camp'),
            2: scope('punctuation.section.block.begin.camp'),
        }, [
            { include: '#comments' },
            { include: '#strings' },
            {
                // the texts of a message (`text` is also a type, so it is not among the clause keywords)
                match: String.raw`\b(subject|body|text|title|from)\b(?=\s*(?:"|template\b|$))`,
                name: 'keyword.other.camp',
            },
            { include: '#expression' },
        ]),

        // flow { a, b -> c -> d   tiers.gold -> e }: every word is an activity, after a dot a port
        'flow-statement': block('meta.block.flow.camp', String.raw`\b(flow)\s*(\{)`, {
            1: scope('keyword.control.camp'),
            2: scope('punctuation.section.block.begin.camp'),
        }, [
            { include: '#comments' },
            { include: '#strings' },
            { include: '#numbers' },
            {
                match: String.raw`(\.)\s*(${NAME})`,
                captures: { 1: scope('punctuation.accessor.camp'), 2: scope('variable.other.port.camp') },
            },
            { include: '#reserved-words' },
            { include: '#operators' },
            { include: '#punctuation' },
            { include: '#backquoted-name' },
            { name: 'variable.other.activity.camp', match: '[A-Za-z_][A-Za-z0-9_]*' },
            { include: '#invalid-characters' },
        ]),

        'schedule-statement': {
            match: String.raw`\b(schedule)\b(?=\s+(?:once|daily|every|weekly|monthly)\b|\s*(?://|/\*|$))`,
            name: 'keyword.control.camp',
        },

        // ------------------------------------------------------------ expressions and clauses

        expression: {
            patterns: [
                { include: '#comments' },
                { include: '#strings' },
                { include: '#numbers' },
                { include: '#audience-membership' },
                { include: '#reserved-words' },
                { include: '#function-calls' },
                { include: '#unit-keywords' },
                { include: '#keywords' },
                { include: '#operators' },
                { include: '#member-access' },
                { include: '#punctuation' },
                { include: '#backquoted-name' },
                { include: '#identifiers' },
                { include: '#invalid-characters' },
            ],
        },

        numbers: {
            // in this order, so that the longest literal wins where several start at one place
            patterns: [
                {
                    // a date and a time: two tokens for the lexer, one timestamp for the reader
                    name: 'constant.numeric.timestamp.camp',
                    match: String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?`,
                },
                { name: 'constant.numeric.date.camp', match: String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}` },
                { name: 'constant.numeric.time.camp', match: String.raw`[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?` },
                { name: 'constant.numeric.ordinal.camp', match: String.raw`[0-9]+(?:st|nd|rd|th)` },
                { name: 'constant.numeric.decimal.camp', match: String.raw`[0-9]+\.[0-9]+` },
                {
                    // a duration: 90 days, 1 hour
                    match: String.raw`([0-9]+)\s*(${UNITS.join('|')})\b`,
                    captures: {
                        1: scope('constant.numeric.integer.camp'),
                        2: scope('keyword.other.unit.camp'),
                    },
                },
                { name: 'constant.numeric.integer.camp', match: '[0-9]+' },
            ],
        },

        'audience-membership': {
            patterns: [
                {
                    match: String.raw`\b(in)\s+(audience)\b(?:\s+(${NAME}))?`,
                    captures: {
                        1: scope('keyword.operator.word.camp keyword.operator.wordlike.camp'),
                        2: scope('keyword.other.camp'),
                        3: scope('variable.other.audience.camp'),
                    },
                },
                {
                    match: String.raw`\b(in)\s+(saved)\b`,
                    captures: {
                        1: scope('keyword.operator.word.camp keyword.operator.wordlike.camp'),
                        2: scope('keyword.other.camp'),
                    },
                },
            ],
        },

        // The reserved words. The operator words also get keyword.operator.wordlike, the scope
        // that the Dark+ and Light+ themes colour as a keyword (plain keyword.operator is not).
        'reserved-words': {
            patterns: [
                { name: 'constant.language.camp', match: String.raw`\b(?:true|false|null)\b` },
                { name: 'keyword.other.camp', match: String.raw`\bwhere\b` },
                {
                    name: 'keyword.operator.word.camp keyword.operator.wordlike.camp',
                    match: String.raw`\b(?:(?:starts|ends)(?:\s+with\b)?|and|or|not|in|is|between|contains|matches)\b`,
                },
            ],
        },

        'function-calls': {
            patterns: [
                {
                    match: String.raw`\b(${FUNCTIONS.join('|')})\s*(?=\()`,
                    captures: { 1: scope('support.function.builtin.camp') },
                },
                {
                    // an unknown function (an error the checker explains)
                    match: String.raw`\b((?!${words(RESERVED)}\b)[A-Za-z_][A-Za-z0-9_]*)\s*(?=\()`,
                    captures: { 1: scope('variable.function.camp') },
                },
            ],
        },

        'unit-keywords': {
            // units outside a duration: cap 3 per week, throttle 50 per second, on day 1, on last day
            patterns: [
                {
                    match: String.raw`\b(per)\s+(second|day|week|month)\b`,
                    captures: { 1: scope('keyword.other.camp'), 2: scope('keyword.other.unit.camp') },
                },
                {
                    match: String.raw`\b(last)\s+(day)\b`,
                    captures: { 1: scope('keyword.other.camp'), 2: scope('keyword.other.unit.camp') },
                },
                { name: 'keyword.other.unit.camp', match: String.raw`\bday\b(?=\s*[0-9])` },
            ],
        },

        keywords: {
            patterns: [
                {
                    // pairs whose second word ends a clause: `skip empty }` is not a name
                    match: String.raw`\b(change)\s+(dimension)\b`,
                    captures: { 1: scope('support.function.activity.camp'), 2: scope('support.function.activity.camp') },
                },
                {
                    match: String.raw`\b(skip|non)\s+(empty)\b|\b(keep)\s+(unmatched)\b`,
                    name: 'keyword.other.camp',
                },
                {
                    // asc and desc are often followed by a comma: order by a desc, b asc
                    name: 'keyword.other.camp',
                    match: String.raw`\b(?:asc|desc)\b(?!\s*(?:[:=.(]|->))`,
                },
                {
                    name: 'keyword.other.camp',
                    match: String.raw`\b${words(CLAUSE_KEYWORDS)}\b(?!${AS_NAME})`,
                },
            ],
        },

        operators: {
            patterns: [
                // '&&', '||' and '==' are written 'and', 'or' and '=' in camp
                { name: 'invalid.illegal.operator.camp', match: String.raw`&&|\|\||==` },
                { name: 'keyword.operator.camp', match: String.raw`->|\.\.|!=|<=|>=|=|<|>|\+|-|\*|/|%` },
            ],
        },

        'member-access': {
            match: String.raw`(\.)\s*(${NAME})`,
            captures: { 1: scope('punctuation.accessor.camp'), 2: scope('variable.other.property.camp') },
        },

        punctuation: {
            patterns: [
                { name: 'punctuation.accessor.camp', match: String.raw`\.` },
                { name: 'punctuation.separator.comma.camp', match: ',' },
                { name: 'punctuation.separator.colon.camp', match: ':' },
                { name: 'punctuation.terminator.camp', match: ';' },
                { name: 'punctuation.section.parens.begin.camp', match: String.raw`\(` },
                { name: 'punctuation.section.parens.end.camp', match: String.raw`\)` },
                { name: 'punctuation.section.block.begin.camp', match: String.raw`\{` },
                { name: 'punctuation.section.block.end.camp', match: String.raw`\}` },
            ],
        },

        'backquoted-name': {
            // `any text`: always a name, even `where`
            name: 'variable.other.quoted.camp',
            match: `(${BQ})[^${BQ}\\r\\n]+(${BQ})`,
            captures: {
                1: scope('punctuation.definition.variable.begin.camp'),
                2: scope('punctuation.definition.variable.end.camp'),
            },
        },

        identifiers: {
            name: 'variable.other.camp',
            match: '[A-Za-z_][A-Za-z0-9_]*',
        },

        'invalid-characters': {
            // anything the lexer does not know (its UNEXPECTED_CHAR), except its whitespace
            name: 'invalid.illegal.character.camp',
            match: String.raw`[^ \t\r\n\f\x{00A0}\x{FEFF}]`,
        },
    },
};

module.exports = grammar;
