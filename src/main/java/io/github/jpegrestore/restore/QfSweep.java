package io.github.jpegrestore.restore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.jpegrestore.inference.Progress;

/**
 * The QF sweep: one image restored under each of a row of QFs (10, 20, ... 90 by default), so a
 * user can choose by eye between stronger smoothing (lower QF) and kept detail (higher QF). Works
 * with every network restorer that takes a QF (luma, blind, color); the models load once.
 */
public final class QfSweep {
	private QfSweep() {}

	/** The QFs of the sweep when none are given. */
	public static final List<Integer> DEFAULT = Collections.unmodifiableList(List.of(10, 20, 30, 40, 50, 60, 70, 80, 90));

	/** One restoration per QF, in order; each {@link Restored#qf} is its QF ("given"). */
	public static List<Restored> run(String model, RestoreOptions base, Input in, List<Integer> qfs, Progress progress) {
		if (qfs.isEmpty()) throw new IllegalArgumentException("a QF sweep needs at least one QF");
		if (base.qf.mode != QfChoice.Mode.AUTO) throw new io.github.jpegrestore.spec.SettingConflict("%1$s sets the QFs itself; leave %2$s at auto", io.github.jpegrestore.spec.Keys.SWEEP, io.github.jpegrestore.spec.Keys.QF);
		base.validate(in.jpeg);
		if (model != null && (model.trim().equalsIgnoreCase("jpeg") || model.trim().equalsIgnoreCase("jpegqs")))
			throw new IllegalArgumentException("a QF sweep needs a network model (" + Restorers.NETWORKS + "); " + model.trim() + " takes no QF");
		List<Restored> out = new ArrayList<>();
		for (int i = 0; i < qfs.size(); i++) {
			RestoreOptions o = base.withQf(QfChoice.parse(Integer.toString(qfs.get(i))));
			try (Restorer r = Restorers.create(model, o)) {
				out.add(r.restore(in, progress.part(i, qfs.size())));
			}
		}
		return out;
	}
}
