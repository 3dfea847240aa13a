package org.carelake.gold;

/** Test access to the stage's hashing. */
public final class GoldStageHash {
  private GoldStageHash() {}

  public static String sha256(String text) {
    return GoldStage.sha256(text);
  }
}
