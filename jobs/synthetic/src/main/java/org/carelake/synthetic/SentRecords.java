package org.carelake.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;

/**
 * What an earlier night sent for one person in one borough, regenerated: the activity models
 * write into it as into landing files, and it keeps each row as the model wrote it (before any
 * defect). Copies between GP systems are left out; they are not the source's own records.
 */
final class SentRecords {
  /** One regenerated row: its feed and its fields in header order. */
  record Sent(Feed feed, String[] fields) {}

  private final List<Sent> sent = new ArrayList<>();
  private final EnumMap<Feed, Rows> rows = new EnumMap<>(Feed.class);

  SentRecords() {
    for (Feed feed : Feed.values()) {
      rows.put(feed, new Rows() {
        @Override
        public void write(String[] fields, Person person, String rekeyedId) {
          keep(feed, fields);
        }

        @Override
        public void writeLate(String[] fields, Person person, String rekeyedId) {
          keep(feed, fields);
        }

        @Override
        public void writeCrossSystemDuplicate(String[] fields, long person, String duplicateOf) {
          // not the sending practice's own record
        }

        @Override
        public void resend(String[] fields, Person person, Revision revision) {
          // earlier nights are regenerated without their corrections and deletions
        }
      });
    }
  }

  EnumMap<Feed, Rows> rows() {
    return rows;
  }

  List<Sent> sent() {
    return sent;
  }

  private void keep(Feed feed, String[] fields) {
    int width = feed.headers().size();
    String[] copy = Arrays.copyOf(fields, width);
    for (int i = fields.length; i < width; i++) {
      copy[i] = "";
    }
    sent.add(new Sent(feed, copy));
  }
}
