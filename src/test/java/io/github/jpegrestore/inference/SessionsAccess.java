package io.github.jpegrestore.inference;

/** Test access to package-private helpers of {@link Sessions}. */
public final class SessionsAccess {
	private SessionsAccess() {}

	public static String nativeProblem(Throwable e) {
		return Sessions.nativeProblem(e);
	}
}
