package camp.deliver;

import java.time.Duration;

/** Waits between attempts: the real clock in use, an instant one in tests of retries. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
