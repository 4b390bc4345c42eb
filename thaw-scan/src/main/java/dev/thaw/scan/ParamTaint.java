package dev.thaw.scan;

/**
 * "Whatever the caller passed at this position" (the receiver is position 0 of an instance method): lets a
 * method's summary say how its arguments flow, to be filled in with the actual arguments at each call.
 */
record ParamTaint(int position) implements Taint {
}
