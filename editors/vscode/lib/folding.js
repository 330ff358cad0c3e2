'use strict';
// Folding ranges of a .camp text: { ... } blocks (entities, activities, flow), block comments and
// triple-quoted text that span several lines, and // region ... // endregion markers.
// Braces inside strings, text blocks, backquoted names and comments do not count.

const REGION = /^\s*\/\/\s*#?region\b/;
const END_REGION = /^\s*\/\/\s*#?endregion\b/;

/**
 * Returns [{ start, end, kind }] with 0-based lines and kind 'block', 'comment' or 'region'.
 * A block folds up to the line before its closing brace, so that the brace stays visible.
 */
function foldingRanges(text) {
    const ranges = [];
    const braces = [];
    const regions = [];
    let line = 0;
    let lineStart = 0;
    let i = 0;
    const add = (start, end, kind) => {
        if (end > start) {
            ranges.push({ start, end, kind });
        }
    };
    const newline = () => {
        line++;
        lineStart = i + 1;
    };
    while (i < text.length) {
        const c = text[i];
        if (c === '\n') {
            newline();
            i++;
        } else if (text.startsWith('//', i)) {
            const end = text.indexOf('\n', i);
            const lineText = text.slice(lineStart, end < 0 ? text.length : end);
            if (REGION.test(lineText)) {
                regions.push(line);
            } else if (END_REGION.test(lineText) && regions.length > 0) {
                add(regions.pop(), line, 'region');
            }
            i = end < 0 ? text.length : end;
        } else if (text.startsWith('/*', i)) {
            const start = line;
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            for (let k = i; k < stop; k++) {
                if (text[k] === '\n') {
                    i = k;
                    newline();
                }
            }
            add(start, line, 'comment');
            i = stop;
        } else if (text.startsWith('"""', i)) {
            const start = line;
            const end = text.indexOf('"""', i + 3);
            const stop = end < 0 ? text.length : end + 3;
            for (let k = i; k < stop; k++) {
                if (text[k] === '\n') {
                    i = k;
                    newline();
                }
            }
            add(start, line - 1, 'block');
            i = stop;
        } else if (c === '"' || c === '`') {
            // a string or a backquoted name ends at its closing quote or at the end of the line
            i++;
            while (i < text.length && text[i] !== c && text[i] !== '\n') {
                i += c === '"' && text[i] === '\\' && text[i + 1] !== '\n' ? 2 : 1;
            }
            if (text[i] === c) {
                i++;
            }
        } else {
            if (c === '{') {
                braces.push(line);
            } else if (c === '}' && braces.length > 0) {
                add(braces.pop(), line - 1, 'block');
            }
            i++;
        }
    }
    return ranges.sort((a, b) => a.start - b.start || b.end - a.end);
}

module.exports = { foldingRanges };
