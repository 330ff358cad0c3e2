package camp.lsp;

import camp.syntax.antlr.CampParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * What the grammar accepts after a sequence of tokens: the tokens that may come next and the
 * places where a name may come next, read from the parser's ATN (the grammar as a network of
 * states) by following every path the tokens allow at once, the way a code-completion core does.
 *
 * <p>Unlike the parser's error recovery, this knows every alternative still open at the caret,
 * and which rule asks for a name there (a build's source, a flow endpoint, an expression...). A
 * token that no path accepts (a typo before the caret) is skipped, so that what follows still
 * counts. The work is bounded: the paths are merged when they meet, and capped.
 */
final class CompletionsGrammar {
    private static final ATN ATN = CampParser._ATN;
    private static final int MAX_CONFIGS = 4_000;
    private static final int MAX_DEPTH = 600;

    private CompletionsGrammar() {
    }

    /**
     * A place where the grammar takes a name ({@code ident}) next.
     *
     * @param rule the rule that asks for the name, such as {@code RULE_buildSource}
     * @param rules the rules open there, innermost first (the caller of {@code ident} first)
     */
    record NameSlot(int rule, List<Integer> rules) {
    }

    /**
     * What may come next.
     *
     * @param tokens each token type the grammar takes next, outside names, with the rules that take it
     * @param names the places where a name may come next
     * @param skipped how many tokens no path accepted (a syntax error before the caret)
     * @param viable whether the last token was accepted (not skipped)
     */
    record Expected(Map<Integer, Set<Integer>> tokens, Set<NameSlot> names, int skipped, boolean viable) {
        boolean takes(int tokenType) {
            return tokens.containsKey(tokenType);
        }

        boolean inRule(int rule) {
            for (NameSlot s : names) {
                if (s.rules().contains(rule)) {
                    return true;
                }
            }
            return tokens.values().stream().anyMatch(r -> r.contains(rule));
        }
    }

    /** The rules a path has entered and not left: a linked list of the states to return to. */
    private static final class Frame {
        final ATNState returnState;
        final Frame parent;
        final int depth;
        final int hash;

        Frame(ATNState returnState, Frame parent) {
            this.returnState = returnState;
            this.parent = parent;
            this.depth = parent == null ? 1 : parent.depth + 1;
            this.hash = 31 * (parent == null ? 0 : parent.hash) + returnState.stateNumber;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Frame f) || f.hash != hash || f.depth != depth) {
                return false;
            }
            Frame a = this;
            Frame b = f;
            while (a != null && b != null) {
                if (a == b) {
                    return true;
                }
                if (a.returnState.stateNumber != b.returnState.stateNumber) {
                    return false;
                }
                a = a.parent;
                b = b.parent;
            }
            return a == b;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One path: the state it is in and the rules it came through. */
    private record Config(ATNState state, Frame stack) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && c.state.stateNumber == state.stateNumber && Objects.equals(c.stack, stack);
        }

        @Override
        public int hashCode() {
            return 31 * state.stateNumber + (stack == null ? 0 : stack.hash);
        }
    }

    /** What may follow {@code tokenTypes} when they start at the beginning of a file (or of a statement). */
    static Expected after(List<Integer> tokenTypes) {
        return after(tokenTypes, false);
    }

    /**
     * As {@link #after(List)}; with {@code strict}, null as soon as a token is not accepted (to
     * choose where a statement starts without paying for a wrong choice).
     */
    static Expected after(List<Integer> tokenTypes, boolean strict) {
        Walk walk = new Walk();
        Set<Config> current = walk.start();
        int skipped = 0;
        boolean viable = true;
        for (int type : tokenTypes) {
            Set<Config> next = walk.step(current, type);
            viable = !next.isEmpty();
            if (viable) {
                current = next;
            } else if (strict) {
                return null;
            } else {
                skipped++;
            }
        }
        return expected(current, skipped, viable);
    }

    /**
     * One walk through the network. The closure of a configuration is remembered, since the same
     * configurations come back at every repetition (each line of a flow, each column of an enrich).
     */
    private static final class Walk {
        private final Map<Config, List<Config>> closures = new java.util.HashMap<>();

        Set<Config> start() {
            return new LinkedHashSet<>(closure(new Config(ATN.ruleToStartState[CampParser.RULE_file], null)));
        }

        Set<Config> step(Set<Config> configs, int tokenType) {
            Set<Config> moved = new LinkedHashSet<>();
            for (Config c : configs) {
                ATNState s = c.state;
                for (int i = 0; i < s.getNumberOfTransitions(); i++) {
                    Transition t = s.transition(i);
                    if (!t.isEpsilon() && t.matches(tokenType, 0, ATN.maxTokenType)) {
                        moved.addAll(closure(new Config(t.target, c.stack)));
                        if (moved.size() > MAX_CONFIGS) {
                            return moved;
                        }
                    }
                }
            }
            return moved;
        }

        /** The configurations reachable from one without consuming a token, keeping those that consume one next. */
        private List<Config> closure(Config from) {
            List<Config> known = closures.get(from);
            if (known != null) {
                return known;
            }
            Set<Config> consuming = new LinkedHashSet<>();
            Set<Config> visited = new HashSet<>();
            List<Config> todo = new ArrayList<>();
            todo.add(from);
            while (!todo.isEmpty() && consuming.size() < MAX_CONFIGS && visited.size() < MAX_CONFIGS * 8) {
                Config c = todo.remove(todo.size() - 1);
                if (!visited.add(c)) {
                    continue;
                }
                ATNState s = c.state;
                if (s instanceof RuleStopState) {
                    if (c.stack != null) {
                        todo.add(new Config(c.stack.returnState, c.stack.parent));
                    }
                    continue;
                }
                for (int i = 0; i < s.getNumberOfTransitions(); i++) {
                    Transition t = s.transition(i);
                    if (t instanceof RuleTransition rt) {
                        if (c.stack == null || c.stack.depth < MAX_DEPTH) {
                            todo.add(new Config(rt.target, new Frame(rt.followState, c.stack)));
                        }
                    } else if (t.isEpsilon()) {
                        todo.add(new Config(t.target, c.stack));
                    } else {
                        consuming.add(c);
                    }
                }
            }
            List<Config> result = List.copyOf(consuming);
            closures.put(from, result);
            return result;
        }
    }

    private static Expected expected(Set<Config> configs, int skipped, boolean viable) {
        Map<Integer, Set<Integer>> tokens = new LinkedHashMap<>();
        Set<NameSlot> names = new LinkedHashSet<>();
        for (Config c : configs) {
            if (c.state.ruleIndex == CampParser.RULE_ident) {
                names.add(new NameSlot(c.stack == null ? -1 : c.stack.returnState.ruleIndex, rules(c.stack)));
                continue;
            }
            for (int i = 0; i < c.state.getNumberOfTransitions(); i++) {
                Transition t = c.state.transition(i);
                IntervalSet label = t.isEpsilon() ? null : t.label();
                if (label == null) {
                    continue;
                }
                for (int type : label.toList()) {
                    tokens.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(c.state.ruleIndex);
                }
            }
        }
        return new Expected(tokens, names, skipped, viable);
    }

    private static List<Integer> rules(Frame stack) {
        List<Integer> rules = new ArrayList<>();
        for (Frame f = stack; f != null && rules.size() < 64; f = f.parent) {
            rules.add(f.returnState.ruleIndex);
        }
        return List.copyOf(rules);
    }
}
