package org.carelake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.BufferedReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.contract.RowValidator;
import org.carelake.contract.ValidatedRow;
import org.carelake.csv.CsvRecordReader;

/**
 * Runs on executors: streams one file, validates every row against the contract and emits it as a
 * typed row, or as a quarantined row with its raw text and every rule it broke. The contract is
 * shipped as its YAML text and rebuilt here.
 */
final class FeedParser implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String TRUNCATED = "file.truncated";
  /** A line whose quote does not close within a well-formed record (CsvRecordReader): that line alone is quarantined. */
  static final String UNBALANCED_QUOTE = "row.unbalanced-quote";

  private final String contractText;
  private final String contractOrigin;
  private final LocalDate night;
  private final String runId;
  private final Instant loadedAt;
  private final Map<String, FileToRead> plans;
  private transient Contract contract;
  private transient RowValidator validator;

  FeedParser(Contract contract, LocalDate night, String runId, Instant loadedAt, Map<String, FileToRead> plans) {
    this.contractText = contract.text();
    this.contractOrigin = contract.origin();
    this.night = night;
    this.runId = runId;
    this.loadedAt = loadedAt;
    this.plans = Map.copyOf(plans);
  }

  /** What an executor needs to know about a file it reads; plain strings so it serialises. */
  record FileToRead(String borough, String fileName, String sha256, String fileRule) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  Iterator<Row> parse(String path, InputStream in) throws IOException {
    if (validator == null) {
      contract = ContractLoader.parse(contractText, contractOrigin);
      validator = new RowValidator(contract, night);
    }
    FileToRead plan = plans.get(path);
    if (plan == null) {
      throw new IllegalStateException("no plan for a file handed to the parser: " + path);
    }
    Charset charset =
        plan.fileRule() != null ? StandardCharsets.ISO_8859_1 : contract.charset();
    Reader reader = new BufferedReader(new InputStreamReader(in, charset), 1 << 16);
    CsvRecordReader csv = new CsvRecordReader(reader, contract.delimiter());
    String[] header = csv.next(); // checked during inspection: the contract's columns, matched by name
    int[] layout = header == null ? null : contract.headerLayout(List.of(header)).filter(l -> !Contract.isContractOrder(l)).orElse(null);
    if (header != null && plan.fileRule() == null) {
      csv.expectFields(header.length);
    }
    return new RowIterator(csv, plan, header == null ? contract.columns().size() : header.length, layout);
  }

  private final class RowIterator implements Iterator<Row> {
    private final CsvRecordReader csv;
    private final FileToRead plan;
    private final Object[] metadata;
    private final int width;
    private Row next;
    private long rowNumber;

    private final int fileWidth; // columns in the file's header; fewer than the contract's when optional ones are absent
    /** Where each contract column is in the file, when not in the contract's order; null when it is. */
    private final int[] layout;

    RowIterator(CsvRecordReader csv, FileToRead plan, int fileWidth, int[] layout) {
      this.csv = csv;
      this.plan = plan;
      this.width = contract.columns().size();
      this.fileWidth = fileWidth;
      this.layout = layout;
      this.metadata =
          new Object[] {
            night, runId, plan.borough(), contract.id(), plan.fileName(), plan.sha256(), 0L, loadedAt
          };
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }

    private Row advance() {
      String[] fields;
      try {
        fields = csv.next();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot read " + plan.fileName(), e);
      }
      if (fields == null) {
        closeQuietly();
        return null;
      }
      rowNumber++;
      List<String> violations;
      Object[] values;
      if (plan.fileRule() != null) {
        values = new Object[width];
        violations = List.of(plan.fileRule());
      } else if (!csv.lastRecordTerminated()) {
        values = new Object[width];
        violations = List.of(TRUNCATED);
      } else if (csv.lastRecordMalformed()) {
        values = new Object[width];
        violations = List.of(UNBALANCED_QUOTE);
      } else {
        if (layout != null && fields.length == fileWidth) {
          // The file's columns in the contract's order; a column the file lacks loads blank. A row
          // of the wrong width is left as it is, for the column-count rule.
          String[] ordered = new String[width];
          for (int i = 0; i < width; i++) {
            ordered[i] = layout[i] < 0 ? "" : fields[layout[i]];
          }
          fields = ordered;
        }
        ValidatedRow validated = validator.validate(fields);
        values = validated.values();
        violations = validated.violations();
      }
      Object[] out = new Object[width + metadata.length + 2];
      boolean valid = violations.isEmpty();
      if (valid) {
        System.arraycopy(values, 0, out, 0, width);
      }
      System.arraycopy(metadata, 0, out, width, metadata.length);
      out[width + 6] = rowNumber;
      out[width + metadata.length] = valid ? null : violations.toArray(new String[0]);
      out[width + metadata.length + 1] = valid ? null : csv.rawRecord();
      return RowFactory.create(out);
    }

    private void closeQuietly() {
      try {
        csv.close();
      } catch (IOException ignored) {
        // the stream is finished either way
      }
    }
  }
}
