// The .camp language: one orchestrated campaign (or a library of entities, audiences and params).
//
// Conventions (grammars-v4): no actions or predicates; labelled alternatives so that the AST
// builder has one method per construct; comments and whitespace on the hidden channel; a last
// lexer rule UNEXPECTED_CHAR so that a stray character is a diagnostic, never a lexer crash.
//
// Keywords are reserved only where they would be ambiguous: the expression operators (and, or,
// not, in, is, null, true, false, between, contains, starts, ends, matches, where) are reserved;
// every other keyword is also accepted wherever a name is expected (rule `ident`), so that an
// attribute may be called `email`, `date`, `status` or `campaign`. A backquoted `name` is always
// a name.
grammar Camp;

file
    : statement* EOF
    ;

statement
    : CAMPAIGN string                                            # campaignStatement
    | IMPORT string                                              # importStatement
    | PARAM ident ':' typeName ('=' expr)?                       # paramStatement
    | ENTITY ident KEY ident FROM source '{' entityMember* '}'   # entityStatement
    | AUDIENCE ident '=' ident (WHERE expr)?                     # audienceStatement
    | ACTIVITY ident ':' activity                                # activityStatement
    | FLOW '{' (chain ';'?)* '}'                                 # flowStatement
    | SCHEDULE frequency scheduleOption*                         # scheduleStatement
    | TEST AUDIENCE '=' ident WHERE expr                         # testAudienceStatement
    ;

// ---------------------------------------------------------------- entities

source
    : TABLE string                      # tableSource
    | CSV string                        # csvSource
    | PARQUET string                    # parquetSource
    | QUERY string                      # querySource
    ;

entityMember
    : CONSENT ident ':' ident           # consentMember
    | ident ':' (MANY | ONE) ident ON ident   # linkMember
    | ident ':' typeName                # attributeMember
    ;

typeName
    : INT_TYPE | DECIMAL_TYPE | FLOAT_TYPE | TEXT | BOOL_TYPE | DATE_TYPE | TIMESTAMP_TYPE
    ;

// ---------------------------------------------------------------- activities

activity
    : BUILD buildSource (WHERE expr)? buildOption*                           # buildActivity
    | LOAD CSV string '{' columnDecl* '}' (REJECT MAX INTEGER)?               # loadActivity
    | RECONCILE TO ident ON matchRule (AND matchRule)* (KEEP UNMATCHED)?     # reconcileActivity
    | COMBINE combineMode=(UNION | INTERSECTION | EXCLUSION)                 # combineActivity
    | DEDUP BY expr (',' expr)* (KEEP INTEGER)? dedupMethod?                 # dedupActivity
    | SPLIT OVERLAPPING? '{' segment* '}'                                    # splitActivity
    | ENRICH '{' enrichColumn* '}'                                           # enrichActivity
    | CHANGE DIMENSION TO ident                                              # changeDimensionActivity
    | TEST '{' testBranch* '}'                                               # testActivity
    | FORK                                                                   # forkActivity
    | JOIN (PRIMARY ident)?                                                  # joinActivity
    | WAIT duration                                                          # waitForActivity
    | WAIT UNTIL expr                                                        # waitUntilActivity
    | channel=(EMAIL | SMS | PUSH) '{' channelOption* '}'                    # channelActivity
    | SAVE AUDIENCE string                                                   # saveAudienceActivity
    | ALERT string string                                                    # alertActivity
    | END                                                                    # endActivity
    ;

buildSource
    : SAVED string OF ident             # savedBuildSource
    | ident                             # namedBuildSource
    ;

buildOption
    : INCREMENTAL (ON ident)? (HISTORY INTEGER durationUnit)?   # incrementalOption
    | SKIP_ EMPTY                                               # skipEmptyOption
    ;

columnDecl
    : ident ':' typeName
    ;

matchRule
    : ident '=' path
    ;

dedupMethod
    : FIRST BY orderItem (',' orderItem)*                # firstByMethod
    | NON EMPTY path                                     # nonEmptyMethod
    | PREFER path IN '(' expr (',' expr)* ')'            # preferMethod
    | RANDOM                                             # randomMethod
    ;

orderItem
    : expr direction=(ASC | DESC)?
    ;

segment
    : ident ':' REMAINDER segmentOption*    # remainderSegment
    | ident ':' expr segmentOption*         # conditionSegment
    ;

segmentOption
    : LIMIT INTEGER percent='%'?                      # limitOption
    | ORDER BY orderItem (',' orderItem)*             # orderByOption
    | RANDOM                                          # randomOption
    | SKIP_ EMPTY                                     # segmentSkipEmptyOption
    ;

enrichColumn
    : ident '=' expr
    ;

testBranch
    : ident ':' OTHERWISE                # otherwiseBranch
    | ident ':' expr                     # conditionBranch
    ;

channelOption
    : TO expr                                       # toOption
    | FROM string                                   # fromOption
    | SUBJECT string                                # subjectOption
    | field=(BODY | TEXT) TEMPLATE string           # templateOption
    | field=(BODY | TEXT | TITLE) string            # contentOption
    | PER ident                                     # perOption
    | THROTTLE INTEGER PER SECOND                   # throttleOption
    | WAVES INTEGER EVERY duration                  # wavesOption
    | CAP INTEGER PER period=(DAY | WEEK | MONTH)   # capOption
    ;

path
    : ident ('.' ident)*
    ;

// ---------------------------------------------------------------- flow

chain
    : endpoints ('->' endpoints)*
    ;

endpoints
    : endpoint (',' endpoint)*
    ;

endpoint
    : ident ('.' ident)?
    ;

// ---------------------------------------------------------------- schedule

frequency
    : ONCE AT DATE TIME                                               # onceFrequency
    | DAILY AT timeList dayFilter?                                    # dailyFrequency
    | EVERY INTEGER durationUnit (BETWEEN TIME AND TIME)? dayFilter?  # everyFrequency
    | WEEKLY (EVERY INTEGER durationUnit)? ON dayList AT timeList     # weeklyFrequency
    | MONTHLY ON monthDays AT timeList (IN ident (',' ident)*)?       # monthlyFrequency
    ;

monthDays
    : DAY INTEGER (',' INTEGER)*        # dayNumbers
    | (ORDINAL | LAST) ident            # ordinalDay
    ;

timeList
    : TIME (',' TIME)*
    ;

dayFilter
    : ON dayList
    ;

dayList
    : dayRange (',' dayRange)*
    ;

dayRange
    : ident ('..' ident)?
    ;

scheduleOption
    : FROM DATE                         # fromScheduleOption
    | UNTIL DATE                        # untilScheduleOption
    | MAX INTEGER RUNS                  # maxRunsScheduleOption
    | TIMEZONE string                   # timezoneScheduleOption
    ;

// ---------------------------------------------------------------- expressions
// Precedence, loosest first: or; and; not; comparisons and predicates; + -; * / %; unary -;
// member access and calls.

expr
    : orExpr
    ;

orExpr
    : andExpr (OR andExpr)*
    ;

andExpr
    : notExpr (AND notExpr)*
    ;

notExpr
    : NOT notExpr                       # notOperator
    | predicate                         # predicateOperand
    ;

predicate
    : additive predicateTail?
    ;

predicateTail
    : op=('=' | '!=' | '<' | '<=' | '>' | '>=') additive     # comparisonTail
    | NOT? IN '(' expr (',' expr)* ')'                       # inListTail
    | NOT? BETWEEN additive AND additive                     # betweenTail
    | IS NOT? NULL                                           # isNullTail
    | CONTAINS additive                                      # containsTail
    | STARTS WITH additive                                   # startsWithTail
    | ENDS WITH additive                                     # endsWithTail
    | MATCHES additive                                       # matchesTail
    ;

additive
    : multiplicative (op+=('+' | '-') multiplicative)*
    ;

multiplicative
    : unary (op+=('*' | '/' | '%') unary)*
    ;

unary
    : '-' unary                         # negation
    | postfix                           # postfixOperand
    ;

postfix
    : primary ('.' ident)*
    ;

primary
    : literal                                           # literalPrimary
    | ident '(' (argument (',' argument)*)? ')'         # callPrimary
    | ident                                             # namePrimary
    | '(' expr ')'                                      # parenPrimary
    | IN AUDIENCE ident                                 # inAudiencePrimary
    | IN SAVED string                                   # inSavedPrimary
    ;

argument
    : expr (WHERE expr)?
    ;

literal
    : INTEGER durationUnit              # durationLiteral
    | INTEGER                           # integerLiteral
    | DECIMAL_NUMBER                    # decimalLiteral
    | string                            # stringLiteral
    | TRUE                              # trueLiteral
    | FALSE                             # falseLiteral
    | NULL                              # nullLiteral
    | DATE TIME?                        # dateLiteral
    | TIME                              # timeLiteral
    ;

duration
    : INTEGER durationUnit
    ;

durationUnit
    : MINUTE | MINUTES | HOUR | HOURS | DAY | DAYS | WEEK | WEEKS | MONTH | MONTHS | YEAR | YEARS
    ;

string
    : STRING | LONG_STRING
    ;

// Every keyword that is not an expression operator may be used as a name.
ident
    : IDENTIFIER | QUOTED_IDENTIFIER
    | CAMPAIGN | IMPORT | PARAM | ENTITY | AUDIENCE | ACTIVITY | FLOW | SCHEDULE | TEST | KEY
    | FROM | TABLE | CSV | PARQUET | QUERY | MANY | ONE | ON | CONSENT
    | INT_TYPE | DECIMAL_TYPE | FLOAT_TYPE | TEXT | BOOL_TYPE | DATE_TYPE | TIMESTAMP_TYPE
    | BUILD | LOAD | RECONCILE | COMBINE | DEDUP | SPLIT | ENRICH | CHANGE | DIMENSION | FORK
    | JOIN | WAIT | EMAIL | SMS | PUSH | SAVE | ALERT | END | SAVED | OF | INCREMENTAL | HISTORY
    | SKIP_ | EMPTY | REJECT | MAX | TO | UNION | INTERSECTION | EXCLUSION | KEEP | UNMATCHED
    | BY | FIRST | ASC | DESC | NON | PREFER | RANDOM | OVERLAPPING | LIMIT | ORDER | REMAINDER
    | OTHERWISE | PRIMARY | UNTIL | SUBJECT | BODY | TEMPLATE | TITLE | PER | THROTTLE | SECOND
    | WAVES | EVERY | CAP | ONCE | AT | DAILY | WEEKLY | MONTHLY | LAST | TIMEZONE | RUNS | WITH
    | MINUTE | MINUTES | HOUR | HOURS | DAY | DAYS | WEEK | WEEKS | MONTH | MONTHS | YEAR | YEARS
    ;

// ================================================================ lexer

// expression operators (reserved)
AND: 'and';
OR: 'or';
NOT: 'not';
IN: 'in';
IS: 'is';
NULL: 'null';
TRUE: 'true';
FALSE: 'false';
BETWEEN: 'between';
CONTAINS: 'contains';
STARTS: 'starts';
ENDS: 'ends';
MATCHES: 'matches';
WHERE: 'where';

// keywords that are also names
CAMPAIGN: 'campaign';
IMPORT: 'import';
PARAM: 'param';
ENTITY: 'entity';
AUDIENCE: 'audience';
ACTIVITY: 'activity';
FLOW: 'flow';
SCHEDULE: 'schedule';
TEST: 'test';
KEY: 'key';
FROM: 'from';
TABLE: 'table';
CSV: 'csv';
PARQUET: 'parquet';
QUERY: 'query';
MANY: 'many';
ONE: 'one';
ON: 'on';
CONSENT: 'consent';
INT_TYPE: 'int';
DECIMAL_TYPE: 'decimal';
FLOAT_TYPE: 'float';
TEXT: 'text';
BOOL_TYPE: 'bool';
DATE_TYPE: 'date';
TIMESTAMP_TYPE: 'timestamp';
BUILD: 'build';
LOAD: 'load';
RECONCILE: 'reconcile';
COMBINE: 'combine';
DEDUP: 'dedup';
SPLIT: 'split';
ENRICH: 'enrich';
CHANGE: 'change';
DIMENSION: 'dimension';
FORK: 'fork';
JOIN: 'join';
WAIT: 'wait';
EMAIL: 'email';
SMS: 'sms';
PUSH: 'push';
SAVE: 'save';
ALERT: 'alert';
END: 'end';
SAVED: 'saved';
OF: 'of';
INCREMENTAL: 'incremental';
HISTORY: 'history';
SKIP_: 'skip';
EMPTY: 'empty';
REJECT: 'reject';
MAX: 'max';
TO: 'to';
UNION: 'union';
INTERSECTION: 'intersection';
EXCLUSION: 'exclusion';
KEEP: 'keep';
UNMATCHED: 'unmatched';
BY: 'by';
FIRST: 'first';
ASC: 'asc';
DESC: 'desc';
NON: 'non';
PREFER: 'prefer';
RANDOM: 'random';
OVERLAPPING: 'overlapping';
LIMIT: 'limit';
ORDER: 'order';
REMAINDER: 'remainder';
OTHERWISE: 'otherwise';
PRIMARY: 'primary';
UNTIL: 'until';
SUBJECT: 'subject';
BODY: 'body';
TEMPLATE: 'template';
TITLE: 'title';
PER: 'per';
THROTTLE: 'throttle';
SECOND: 'second';
WAVES: 'waves';
EVERY: 'every';
CAP: 'cap';
ONCE: 'once';
AT: 'at';
DAILY: 'daily';
WEEKLY: 'weekly';
MONTHLY: 'monthly';
LAST: 'last';
TIMEZONE: 'timezone';
RUNS: 'runs';
WITH: 'with';
MINUTE: 'minute';
MINUTES: 'minutes';
HOUR: 'hour';
HOURS: 'hours';
DAY: 'day';
DAYS: 'days';
WEEK: 'week';
WEEKS: 'weeks';
MONTH: 'month';
MONTHS: 'months';
YEAR: 'year';
YEARS: 'years';

// punctuation
ARROW: '->';
DOTDOT: '..';
DOT: '.';
COMMA: ',';
COLON: ':';
SEMICOLON: ';';
LBRACE: '{';
RBRACE: '}';
LPAREN: '(';
RPAREN: ')';
NE: '!=';
LE: '<=';
GE: '>=';
EQ: '=';
LT: '<';
GT: '>';
PLUS: '+';
MINUS: '-';
STAR: '*';
SLASH: '/';
PERCENT: '%';

// literals
DATE: DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
TIME: DIGIT DIGIT? ':' DIGIT DIGIT (':' DIGIT DIGIT)?;
ORDINAL: DIGIT+ ('st' | 'nd' | 'rd' | 'th');
DECIMAL_NUMBER: DIGIT+ '.' DIGIT+;
INTEGER: DIGIT+;
LONG_STRING: '"""' .*? '"""';
STRING: '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING: '"' (~["\\\r\n] | '\\' ~[\r\n])*;
SINGLE_QUOTED_STRING: '\'' ~['\r\n]* '\'';
TYPOGRAPHIC_STRING: '\u201C' ~[\u201D\r\n]* '\u201D';
DOUBLE_AMPERSAND: '&&';
DOUBLE_BAR: '||';
DOUBLE_EQUALS: '==';
IDENTIFIER: [A-Za-z_] [A-Za-z0-9_]*;
QUOTED_IDENTIFIER: '`' ~[`\r\n]+ '`';

LINE_COMMENT: '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n\f\u00A0\uFEFF]+ -> channel(HIDDEN);

UNEXPECTED_CHAR: .;

fragment DIGIT: [0-9];
