package org.carelake.access;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.carelake.error.CareLakeErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The access policy ({@code governance/access-policy.yaml}): roles mapped to zones, tables,
 * actions and purposes, and the approved research projects. {@link #decide} is the one place
 * CareLake decides whether a read is allowed; serving interfaces call it through the Spark side's
 * {@code GovernedAccess}, which audits every decision.
 *
 * <p>Rules that hold whatever the file says: anything not granted is refused; a wildcard never
 * covers the audit table ({@code ops.audit}), which only a role naming it may read; a role that
 * needs a project reads only its project's own tables ({@link ResearchProject#tables}), for the
 * project's approved purpose, and nothing once the project's approval has expired.
 */
public final class AccessPolicy {
  public static final Set<String> ZONES = Set.of("restricted", "silver", "gold", "ops", "reference");
  /** The audit trail: never covered by a wildcard. */
  public static final String AUDIT_TABLE = "ops.audit";
  private static final String PROJECT_TABLES = "project";
  private static final String ALL = "*";

  private record Grant(String zone, List<String> tables, Set<Action> actions) {}

  private record Role(String name, boolean needsProject, List<String> purposes, List<Grant> grants) {}

  private final Map<String, Role> roles;
  private final Map<String, ResearchProject> projects;

  private AccessPolicy(Map<String, Role> roles, Map<String, ResearchProject> projects) {
    this.roles = Map.copyOf(roles);
    this.projects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(projects));
  }

  /** The variable naming a policy file other than the one beside the SQL folder. */
  public static final String ENVIRONMENT_VARIABLE = "CARELAKE_POLICY";

  /**
   * Where the policy is: the file {@code CARELAKE_POLICY} names, else {@code
   * governance/access-policy.yaml} beside the SQL folder.
   */
  public static Path locate(Path sqlDir, Map<String, String> environment) {
    String named = environment.get(ENVIRONMENT_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    Path sql = sqlDir.toAbsolutePath().normalize();
    Path home = sql.getParent() != null ? sql.getParent() : sql;
    return home.resolve("governance").resolve("access-policy.yaml");
  }

  public static AccessPolicy load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("access policy", file);
    }
  }

  public static AccessPolicy parse(String yaml, String origin) {
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    Map<String, Object> root = map(document, origin);
    if (!"AccessPolicy".equals(root.get("kind"))) {
      throw CareLakeErrors.configuration(origin + " is not an access policy (kind: AccessPolicy)");
    }
    Map<String, Role> roles = new LinkedHashMap<>();
    map(root.get("roles"), origin + " roles").forEach((name, body) -> roles.put(name, role(name, map(body, origin + " role " + name), origin)));
    if (roles.isEmpty()) {
      throw CareLakeErrors.configuration(origin + " declares no roles");
    }
    Map<String, ResearchProject> projects = new LinkedHashMap<>();
    Object declared = root.get("projects");
    if (declared != null) {
      map(declared, origin + " projects").forEach(
          (id, body) -> projects.put(id, ResearchProject.parse(id, map(body, origin + " project " + id), origin)));
    }
    return new AccessPolicy(roles, projects);
  }

  private static Role role(String name, Map<String, Object> body, String origin) {
    boolean needsProject = "required".equals(String.valueOf(body.get("project")));
    List<String> purposes = strings(body.getOrDefault("purposes", List.of()), origin + " role " + name + " purposes");
    if (!needsProject && purposes.isEmpty()) {
      throw CareLakeErrors.configuration(origin + " role " + name + " must list its purposes (or act for a project)");
    }
    List<Grant> grants = new ArrayList<>();
    for (Object item : list(body.getOrDefault("grants", List.of()), origin + " role " + name + " grants")) {
      Map<String, Object> grant = map(item, origin + " role " + name + " grant");
      String zone = String.valueOf(grant.get("zone"));
      if (!ZONES.contains(zone)) {
        throw CareLakeErrors.configuration(origin + " role " + name + " grants unknown zone " + zone);
      }
      List<String> tables = strings(grant.get("tables"), origin + " role " + name + " tables");
      if (tables.contains(PROJECT_TABLES) && !needsProject) {
        throw CareLakeErrors.configuration(origin + " role " + name + " grants project tables but acts for no project");
      }
      Set<Action> actions = java.util.EnumSet.noneOf(Action.class);
      strings(grant.get("actions"), origin + " role " + name + " actions").forEach(a -> actions.add(Action.parse(a, origin)));
      grants.add(new Grant(zone, tables, actions));
    }
    return new Role(name, needsProject, purposes, grants);
  }

  /** Whether this request is allowed, and why (or why not). */
  public AccessDecision decide(AccessRequest request) {
    requireNonNull(request, "request is null");
    if (request.actor().isBlank()) {
      return AccessDecision.refuse("no actor named");
    }
    Role role = roles.get(request.role());
    if (role == null) {
      return AccessDecision.refuse("unknown role " + request.role());
    }
    if (request.purpose().isBlank()) {
      return AccessDecision.refuse("no purpose given");
    }
    ResearchProject project = null;
    if (role.needsProject()) {
      if (request.project().isEmpty()) {
        return AccessDecision.refuse("role " + role.name() + " acts for a research project; none given");
      }
      project = projects.get(request.project().get());
      if (project == null) {
        return AccessDecision.refuse("project " + request.project().get() + " is not an approved project");
      }
      if (!project.activeOn(request.on())) {
        return AccessDecision.refuse("project " + project.id() + "'s approval expired on " + project.expires()
            + "; its tables are no longer built or served");
      }
      if (!same(project.purpose(), request.purpose())) {
        return AccessDecision.refuse("purpose is not project " + project.id() + "'s approved purpose");
      }
    } else {
      if (request.project().isPresent()) {
        return AccessDecision.refuse("role " + role.name() + " does not act for a research project");
      }
      if (role.purposes().stream().noneMatch(p -> same(p, request.purpose()))) {
        return AccessDecision.refuse("purpose is not one role " + role.name() + " is approved for");
      }
    }
    if (!ZONES.contains(request.zone())) {
      return AccessDecision.refuse("unknown zone " + request.zone());
    }
    for (Grant grant : role.grants()) {
      if (grant.zone().equals(request.zone()) && grant.actions().contains(request.action()) && covers(grant, request, project)) {
        return AccessDecision.allow("role " + role.name() + " may " + request.action().label() + " " + request.resource()
            + (project == null ? "" : " for project " + project.id()));
      }
    }
    return AccessDecision.refuse("role " + role.name() + (project == null ? "" : " on project " + project.id()) + " may not "
        + request.action().label() + " " + request.resource());
  }

  private static boolean covers(Grant grant, AccessRequest request, ResearchProject project) {
    String resource = request.resource();
    for (String table : grant.tables()) {
      if (table.equals(PROJECT_TABLES)) {
        if (project != null && project.tables().contains(resource)) {
          return true;
        }
      } else if (table.equals(ALL)) {
        // A wildcard covers every table of the zone but the audit trail; "*" asks for the whole zone,
        // which a wildcard gives (the audit table is never read that way).
        if (!resource.equals(AUDIT_TABLE)) {
          return true;
        }
      } else if (table.equals(request.table())) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(String a, String b) {
    return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
  }

  public Set<String> roles() {
    return roles.keySet();
  }

  /** The declared research projects by id, in the file's order. */
  public Map<String, ResearchProject> projects() {
    return projects;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw CareLakeErrors.configuration(what + " must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static List<?> list(Object value, String what) {
    if (!(value instanceof List<?> list)) {
      throw CareLakeErrors.configuration(what + " must be a list");
    }
    return list;
  }

  private static List<String> strings(Object value, String what) {
    List<String> out = new ArrayList<>();
    for (Object item : list(value, what)) {
      out.add(String.valueOf(item).strip());
    }
    return List.copyOf(out);
  }
}
