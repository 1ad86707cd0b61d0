package dev.prompttracker.adapter.http.support;

import dev.prompttracker.domain.error.Unavailable;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A switch that makes the stores wrapped by {@link #around} fail as an unreachable dependency would. */
public final class Outage {
    private volatile boolean on;

    public void start() {
        on = true;
    }

    public void end() {
        on = false;
    }

    /** {@code store} behind this switch: every call fails with {@link Unavailable} while the outage lasts. */
    @SuppressWarnings("unchecked")
    public <T> T around(Class<T> port, T store) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (on && method.getDeclaringClass() != Object.class) {
                throw new Unavailable(port.getSimpleName() + " unreachable: " + BreakableBlobStore.UPSTREAM_SECRET);
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
