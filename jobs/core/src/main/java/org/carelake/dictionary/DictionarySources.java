package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;

/**
 * Where the dictionary reads its definitions: the data contracts, the SQL folder (DDL, silver
 * mappings, gold files, cohort definitions) and the codelist library. Paths shown in the pages are
 * relative to {@code root}, the folder holding all three in a checkout.
 */
public record DictionarySources(Path root, Path contracts, Path sql, Path codelists) {
  public DictionarySources {
    requireNonNull(root, "root is null");
    requireNonNull(contracts, "contracts is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(codelists, "codelists is null");
  }

  /** The layout of a checkout: {@code data-contracts/}, {@code sql/} and {@code codelists/} under one folder. */
  public static DictionarySources of(Path root) {
    return new DictionarySources(root, root.resolve("data-contracts"), root.resolve("sql"), root.resolve("codelists"));
  }

  public List<Contract> loadContracts() {
    return ContractLoader.loadAll(contracts);
  }

  public CodelistLibrary codelistLibrary() {
    return CodelistLibrary.open(codelists);
  }

  /** The {@code *.sql} files of a folder under the SQL folder, by name; none when it is absent. */
  public List<Path> sqlFiles(String folder) {
    Path dir = sql.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** A path as the pages show it: relative to the root, with forward slashes. */
  public String shown(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
