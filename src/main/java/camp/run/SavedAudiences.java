package camp.run;

import camp.ir.Scalar;
import camp.ir.ScalarWalker;
import java.util.Map;

/** The saved audiences an expression reads ({@code in saved "x"}), through the audiences it names too. */
final class SavedAudiences extends ScalarWalker {
    private final Map<String, String> needed;

    private SavedAudiences(Map<String, String> needed) {
        this.needed = needed;
    }

    /** Adds each saved audience the expression reads, with the entity it must hold. */
    static void collect(Scalar s, Map<String, String> needed) {
        new SavedAudiences(needed).walk(s);
    }

    @Override
    public Void visitInSaved(Scalar.InSaved s) {
        needed.put(s.audience(), s.entity());
        return null;
    }
}
