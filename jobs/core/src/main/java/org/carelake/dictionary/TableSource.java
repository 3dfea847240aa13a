package org.carelake.dictionary;

import java.util.List;

/**
 * One kind of table definition the dictionary reads (DDL files, gold SQL files, cohort
 * definitions, …). A new kind of definition is one implementation, added to {@link
 * DataDictionary#KINDS}; the pages, the index and the link check need no change.
 */
public interface TableSource {
  /** Every table this kind of definition declares, in a stable order. */
  List<TableDoc> tables(DictionarySources sources);
}
