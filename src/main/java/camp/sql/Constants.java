package camp.sql;

import camp.model.Scalar;
import java.util.ArrayDeque;

/** Renders an expression that needs no row (params, literals, now()), such as a 'wait until'. */
public final class Constants {
    private Constants() {
    }

    public static String render(SqlContext ctx, Scalar s) {
        return new ExprSql(ctx, new Frame.Aliases()).render(s, new ArrayDeque<>());
    }
}
