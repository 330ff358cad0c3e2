package camp.fmt;

import camp.fmt.Structure.Alignment;
import camp.fmt.Structure.Block;
import camp.fmt.Structure.Member;
import camp.syntax.antlr.CampBaseVisitor;
import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads the parse tree into a {@link Structure}. Each construct says which of its gaps stay on one
 * line (its "header": the keywords and names before the first expression or option) and which
 * blocks it opens; everything else keeps the author's line breaks.
 */
final class StructureBuilder extends CampBaseVisitor<Void> {
    private final List<Token> tokens;
    private final Structure s;
    private final List<Block> blocks = new ArrayList<>();
    /** The first and last token of each activity body. */
    private final List<int[]> activityBodies = new ArrayList<>();
    /** The width of the longest {@code activity NAME:} of the file. */
    private int longestHeader;

    private StructureBuilder(List<Token> tokens) {
        this.tokens = tokens;
        this.s = new Structure(tokens.size());
    }

    static Structure build(CampParser.FileContext tree, List<Token> tokens) {
        StructureBuilder b = new StructureBuilder(tokens);
        b.visitFile(tree);
        b.punctuation();
        b.layout();
        return b.s;
    }

    // ------------------------------------------------------------ statements

    @Override
    public Void visitFile(CampParser.FileContext c) {
        for (CampParser.StatementContext st : c.statement()) {
            String label = st.getClass().getSimpleName().replace("StatementContext", "");
            s.statementKind[first(st)] = label;
            visit(st);
        }
        return null;
    }

    @Override
    public Void visitCampaignStatement(CampParser.CampaignStatementContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitImportStatement(CampParser.ImportStatementContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitParamStatement(CampParser.ParamStatementContext c) {
        join(first(c), c.expr() == null ? last(c) : first(c.expr()));
        return visitChildren(c);
    }

    @Override
    public Void visitEntityStatement(CampParser.EntityStatementContext c) {
        join(first(c), index(c.LBRACE()));
        block(c.LBRACE(), c.RBRACE(), c.entityMember(), true, Alignment.NONE);
        c.entityMember().forEach(this::joinAll);
        return visitChildren(c);
    }

    @Override
    public Void visitAudienceStatement(CampParser.AudienceStatementContext c) {
        join(first(c), last(c.ident(1)));
        clause(c.WHERE());
        return visitChildren(c);
    }

    @Override
    public Void visitTestAudienceStatement(CampParser.TestAudienceStatementContext c) {
        join(first(c), last(c.ident()));
        clause(c.WHERE());
        return visitChildren(c);
    }

    @Override
    public Void visitActivityStatement(CampParser.ActivityStatementContext c) {
        join(first(c), first(c.activity()));
        longestHeader = Math.max(longestHeader, width("activity ") + width(c.ident().getText()) + width(":"));
        activityBodies.add(new int[] {first(c.activity()), last(c.activity())});
        return visitChildren(c);
    }

    @Override
    public Void visitFlowStatement(CampParser.FlowStatementContext c) {
        join(first(c), index(c.LBRACE()));
        Block b = block(c.LBRACE(), c.RBRACE(), c.chain(), true, Alignment.FIRST_ARROW);
        // chains go one per line: the optional separator says nothing more
        c.SEMICOLON().forEach(t -> s.dropped[index(t)] = true);
        for (int i = 0; i < b.members.size(); i++) {
            Member m = b.members.get(i);
            CampParser.ChainContext chain = c.chain(i);
            CampParser.EndpointsContext from = chain.endpoints(0);
            if (from.endpoint().size() == 1 && !chain.ARROW().isEmpty()) {
                m.alignToken = index(chain.ARROW(0));
                m.alignWidth = width(from.getText());
                m.alignKey = from.endpoint(0).ident(0).getText();
            }
        }
        return visitChildren(c);
    }

    @Override
    public Void visitScheduleStatement(CampParser.ScheduleStatementContext c) {
        join(first(c), last(c.frequency()));
        c.scheduleOption().forEach(this::joinAll);
        c.scheduleOption().forEach(this::clause);
        return visitChildren(c);
    }

    // ------------------------------------------------------------ activities

    @Override
    public Void visitBuildActivity(CampParser.BuildActivityContext c) {
        join(first(c), last(c.buildSource()));
        c.buildOption().forEach(this::joinAll);
        clause(c.WHERE());
        c.buildOption().forEach(this::clause);
        return visitChildren(c);
    }

    @Override
    public Void visitLoadActivity(CampParser.LoadActivityContext c) {
        join(first(c), index(c.LBRACE()));
        block(c.LBRACE(), c.RBRACE(), c.columnDecl(), false, Alignment.NONE);
        c.columnDecl().forEach(this::joinAll);
        if (c.REJECT() != null) {
            join(index(c.REJECT()), last(c));
            clause(c.REJECT());
        }
        return visitChildren(c);
    }

    @Override
    public Void visitReconcileActivity(CampParser.ReconcileActivityContext c) {
        join(first(c), last(c.ident()));
        c.matchRule().forEach(this::joinAll);
        clause(c.ON());
        c.AND().forEach(this::clause);
        clause(c.KEEP());
        if (c.KEEP() != null) {
            join(index(c.KEEP()), index(c.UNMATCHED()));
        }
        return visitChildren(c);
    }

    @Override
    public Void visitCombineActivity(CampParser.CombineActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitDedupActivity(CampParser.DedupActivityContext c) {
        join(first(c), first(c.expr(0)));
        clause(c.KEEP());
        if (c.KEEP() != null) {
            join(index(c.KEEP()), index(c.INTEGER()));
        }
        if (c.dedupMethod() != null) {
            clause(c.dedupMethod());
        }
        return visitChildren(c);
    }

    @Override
    public Void visitFirstByMethod(CampParser.FirstByMethodContext c) {
        join(first(c), first(c.orderItem(0)));
        return visitChildren(c);
    }

    @Override
    public Void visitNonEmptyMethod(CampParser.NonEmptyMethodContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitPreferMethod(CampParser.PreferMethodContext c) {
        join(first(c), index(c.LPAREN()));
        return visitChildren(c);
    }

    @Override
    public Void visitSplitActivity(CampParser.SplitActivityContext c) {
        join(first(c), index(c.LBRACE()));
        block(c.LBRACE(), c.RBRACE(), c.segment(), false, Alignment.AFTER_COLON);
        return visitChildren(c);
    }

    @Override
    public Void visitRemainderSegment(CampParser.RemainderSegmentContext c) {
        named(c, c.ident(), c.COLON());
        c.segmentOption().forEach(this::segmentOption);
        return visitChildren(c);
    }

    @Override
    public Void visitConditionSegment(CampParser.ConditionSegmentContext c) {
        named(c, c.ident(), c.COLON());
        c.segmentOption().forEach(this::segmentOption);
        return visitChildren(c);
    }

    private void segmentOption(CampParser.SegmentOptionContext c) {
        if (c instanceof CampParser.OrderByOptionContext o) {
            join(first(o), first(o.orderItem(0)));
        } else {
            joinAll(c);
        }
    }

    @Override
    public Void visitEnrichActivity(CampParser.EnrichActivityContext c) {
        join(first(c), index(c.LBRACE()));
        Block b = block(c.LBRACE(), c.RBRACE(), c.enrichColumn(), false, Alignment.EQUALS);
        for (int i = 0; i < b.members.size(); i++) {
            CampParser.EnrichColumnContext column = c.enrichColumn(i);
            join(first(column), first(column.expr()));
            b.members.get(i).alignToken = index(column.EQ());
            b.members.get(i).alignWidth = width(column.ident().getText());
        }
        return visitChildren(c);
    }

    @Override
    public Void visitChangeDimensionActivity(CampParser.ChangeDimensionActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitTestActivity(CampParser.TestActivityContext c) {
        join(first(c), index(c.LBRACE()));
        block(c.LBRACE(), c.RBRACE(), c.testBranch(), false, Alignment.AFTER_COLON);
        return visitChildren(c);
    }

    @Override
    public Void visitOtherwiseBranch(CampParser.OtherwiseBranchContext c) {
        named(c, c.ident(), c.COLON());
        return visitChildren(c);
    }

    @Override
    public Void visitConditionBranch(CampParser.ConditionBranchContext c) {
        named(c, c.ident(), c.COLON());
        return visitChildren(c);
    }

    @Override
    public Void visitForkActivity(CampParser.ForkActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitJoinActivity(CampParser.JoinActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitWaitForActivity(CampParser.WaitForActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitWaitUntilActivity(CampParser.WaitUntilActivityContext c) {
        join(first(c), first(c.expr()));
        return visitChildren(c);
    }

    @Override
    public Void visitChannelActivity(CampParser.ChannelActivityContext c) {
        join(first(c), index(c.LBRACE()));
        block(c.LBRACE(), c.RBRACE(), c.channelOption(), false, Alignment.NONE);
        for (CampParser.ChannelOptionContext option : c.channelOption()) {
            if (option instanceof CampParser.ToOptionContext to) {
                join(first(to), first(to.expr()));
            } else {
                joinAll(option);
            }
        }
        return visitChildren(c);
    }

    @Override
    public Void visitSaveAudienceActivity(CampParser.SaveAudienceActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    @Override
    public Void visitAlertActivity(CampParser.AlertActivityContext c) {
        // the message often goes on a line of its own, under the title (as in the samples)
        join(first(c), last(c.string(0)));
        clause(c.string(1));
        return visitChildren(c);
    }

    @Override
    public Void visitEndActivity(CampParser.EndActivityContext c) {
        joinAll(c);
        return visitChildren(c);
    }

    // ------------------------------------------------------------ expressions

    @Override
    public Void visitCallPrimary(CampParser.CallPrimaryContext c) {
        noSpaceBefore(index(c.LPAREN()));
        return visitChildren(c);
    }

    @Override
    public Void visitNegation(CampParser.NegationContext c) {
        noSpaceAfter(index(c.MINUS()));
        return visitChildren(c);
    }

    @Override
    public Void visitLimitOption(CampParser.LimitOptionContext c) {
        if (c.percent != null) {
            noSpaceBefore(c.percent.getTokenIndex());
        }
        return visitChildren(c);
    }

    /** Punctuation that sticks to its neighbours wherever it is: {@code f(a, b)}, {@code store.name}, {@code mon..fri}. */
    private void punctuation() {
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            switch (t.getType()) {
                case CampLexer.COMMA, CampLexer.RPAREN, CampLexer.COLON, CampLexer.SEMICOLON -> noSpaceBefore(t.getTokenIndex());
                case CampLexer.DOT, CampLexer.DOTDOT -> {
                    noSpaceBefore(t.getTokenIndex());
                    noSpaceAfter(t.getTokenIndex());
                }
                case CampLexer.LPAREN -> s.noSpaceAfter[t.getTokenIndex()] = true;
                default -> {
                }
            }
        }
    }

    // ------------------------------------------------------------ layout

    /** The columns: of activity bodies, of blocks, of aligned tokens, of continuation lines. */
    private void layout() {
        s.activityColumn = Math.min(Structure.MAX_ACTIVITY_COLUMN, longestHeader + 2);
        java.util.Arrays.fill(s.continuationIndent, 2);
        for (int[] body : activityBodies) {
            s.padTo[body[0]] = s.activityColumn;
            fill(body[0], body[1], s.activityColumn + 2);
        }
        for (Block b : blocks) {
            b.indent = b.topLevel ? 0 : s.activityColumn;
            if (b.multiLine) {
                for (Member m : b.members) {
                    fill(m.first, m.last, b.memberIndent() + 2);
                }
                align(b);
            }
        }
    }

    /**
     * Pads the aligned token of each group of members to one column, one space after the widest
     * text before it; a blank line ends a group. Where the samples disagree, the majority: split and
     * test conditions one space after the longest {@code name:} (all but blackfriday's
     * {@code channel}, which has two), enrich's {@code =} one space after the longest name (all but
     * points_expiry's, two), the first arrows of flow chains from the same activity aligned (8 of
     * the 10 flows; winback aligns none, loyalty_monthly also a chain from another activity).
     */
    private void align(Block b) {
        if (b.alignment == Alignment.NONE) {
            return;
        }
        List<Member> group = new ArrayList<>();
        for (Member m : b.members) {
            boolean sameGroup = !m.blankBefore && m.alignToken >= 0
                    && (group.isEmpty() || Objects.equals(group.get(0).alignKey, m.alignKey));
            if (!sameGroup) {
                pad(b, group);
                group.clear();
            }
            if (m.alignToken >= 0) {
                group.add(m);
            }
        }
        pad(b, group);
    }

    private void pad(Block b, List<Member> group) {
        int widest = group.stream().mapToInt(m -> m.alignWidth).max().orElse(0);
        for (Member m : group) {
            s.padTo[m.alignToken] = b.memberIndent() + widest + 1;
        }
    }

    private void fill(int from, int to, int indent) {
        for (int i = from; i <= to; i++) {
            s.continuationIndent[i] = indent;
        }
    }

    // ------------------------------------------------------------ helpers

    private Block block(TerminalNode open, TerminalNode close, List<? extends ParserRuleContext> members, boolean topLevel,
            Alignment alignment) {
        Block b = new Block(index(open), index(close), topLevel, alignment);
        Member previous = null;
        for (ParserRuleContext member : members) {
            Member m = new Member(b, first(member), last(member));
            m.blankBefore = previous != null && blankBetween(previous.last, m.first);
            b.members.add(m);
            s.memberStarts[m.first] = m;
            previous = m;
        }
        boolean spansLines = lineBreakBetween(b.open, b.close);
        b.multiLine = members.size() >= 2 || spansLines && (members.size() == 1 || hasComment(b.open, b.close));
        if (!b.multiLine) {
            join(b.open, b.close);
        }
        s.opens[b.open] = b;
        s.closes[b.close] = b;
        blocks.add(b);
        return b;
    }

    /** A segment or test branch: {@code name:} and the first token of its condition stay together, and align. */
    private void named(ParserRuleContext c, CampParser.IdentContext name, TerminalNode colon) {
        int after = nextDefault(index(colon));
        join(first(c), after);
        Member m = s.memberStarts[first(c)];
        if (m != null) {
            m.alignToken = after;
            m.alignWidth = width(name.getText()) + 1;
        }
    }

    /** Whether a blank line separates two tokens: two line breaks with no comment between them (a dropped ';' does not count). */
    private boolean blankBetween(int from, int to) {
        long breaks = 0;
        for (int i = from + 1; i < to; i++) {
            Token t = tokens.get(i);
            if (t.getType() == CampLexer.WS) {
                breaks += t.getText().chars().filter(ch -> ch == '\n').count();
            } else if (t.getType() == CampLexer.LINE_COMMENT || t.getType() == CampLexer.BLOCK_COMMENT) {
                breaks = 0;
            }
            if (breaks >= 2) {
                return true;
            }
        }
        return false;
    }

    /** Whether the author broke a line between two tokens (a line break inside a string does not count). */
    private boolean lineBreakBetween(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            Token t = tokens.get(i);
            if (t.getChannel() != Token.DEFAULT_CHANNEL && t.getText().indexOf('\n') >= 0) {
                return true;
            }
        }
        return false;
    }

    private boolean hasComment(int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int type = tokens.get(i).getType();
            if (type == CampLexer.LINE_COMMENT || type == CampLexer.BLOCK_COMMENT) {
                return true;
            }
        }
        return false;
    }

    private int nextDefault(int index) {
        for (int i = index + 1; i < tokens.size(); i++) {
            if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return i;
            }
        }
        return index;
    }

    private void noSpaceBefore(int index) {
        s.noSpaceBefore[index] = true;
        s.joinBefore[index] = true;
    }

    private void noSpaceAfter(int index) {
        s.noSpaceAfter[index] = true;
        s.joinBefore[nextDefault(index)] = true;
    }

    private void clause(TerminalNode keyword) {
        if (keyword != null) {
            s.clauseStart[index(keyword)] = true;
        }
    }

    private void clause(ParserRuleContext c) {
        s.clauseStart[first(c)] = true;
    }

    private void joinAll(ParserRuleContext c) {
        join(first(c), last(c));
    }

    /** Every gap between the tokens from {@code from} to {@code to} stays on one line. */
    private void join(int from, int to) {
        for (int i = from + 1; i <= to; i++) {
            s.joinBefore[i] = true;
        }
    }

    private static int first(ParserRuleContext c) {
        return c.getStart().getTokenIndex();
    }

    private static int last(ParserRuleContext c) {
        return c.getStop().getTokenIndex();
    }

    private static int index(TerminalNode n) {
        return n.getSymbol().getTokenIndex();
    }

    static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
