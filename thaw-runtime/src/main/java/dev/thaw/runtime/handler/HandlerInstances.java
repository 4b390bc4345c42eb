package dev.thaw.runtime.handler;

/** Creates the one handler instance of an environment, through the class's public no-argument constructor. */
final class HandlerInstances {

    private HandlerInstances() {
    }

    static Object create(Class<?> type) throws ReflectiveOperationException {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException("Class " + type.getName() + " has no public zero-argument constructor");
        }
    }
}
