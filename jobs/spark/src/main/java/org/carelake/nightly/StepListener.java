package org.carelake.nightly;

/**
 * Hears a long stage's progress within the stage: which step it is on ({@code load acute_apc}) and
 * how many of the stage's steps are done. Names feeds and tables, never row values.
 */
@FunctionalInterface
public interface StepListener {
  StepListener NONE = (step, done, of) -> {};

  void step(String step, int done, int of);
}
