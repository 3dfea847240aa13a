package org.carelake.linkage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Given names that are variants of one another: English diminutives and their formal names (BILL
 * and WILLIAM), plus a few spellings of one name that a phonetic code cannot join (SEAN and
 * SHAUN). Written from common knowledge; each group lists the formal name first and its most
 * common short form second.
 *
 * <p>A name may belong to several groups (ALEX shortens ALEXANDER and ALEXANDRA), and two names are
 * variants when they share a group, so ALEXANDER and ALEXANDRA are not variants of each other.
 */
public final class Nicknames {
  private static final List<List<String>> GROUPS = List.of(
      List.of("WILLIAM", "BILL", "WILL", "BILLY", "LIAM", "WILLIE", "WILLY"),
      List.of("ROBERT", "BOB", "ROB", "BOBBY", "ROBBIE", "BERT"),
      List.of("ELIZABETH", "LIZ", "BETH", "LIZZIE", "BETTY", "ELIZA", "LIZA", "BESS", "ELSIE", "LIBBY"),
      List.of("MARGARET", "MAGGIE", "PEGGY", "MEG", "MADGE", "GRETA"),
      List.of("JAMES", "JIM", "JIMMY", "JAMIE"),
      List.of("THOMAS", "TOM", "TOMMY"),
      List.of("MICHAEL", "MIKE", "MICK", "MICKY", "MIKEY"),
      List.of("DANIEL", "DAN", "DANNY"),
      List.of("JONATHAN", "JON", "JONNY"),
      List.of("JOHN", "JACK", "JOHNNY", "JOHNNIE"),
      List.of("CATHERINE", "KATE", "KATIE", "CATH", "CATHY", "KATHY", "KAT", "KITTY", "KATHERINE", "KATHRYN"),
      List.of("KATHLEEN", "KATHY", "KATH"),
      List.of("OLIVIA", "LIV", "LIVVY", "LIVVIE"),
      List.of("OLIVER", "OLLIE", "OLLY"),
      List.of("ALEXANDER", "ALEX", "SANDY", "ALEC", "LEX", "XANDER"),
      List.of("ALEXANDRA", "ALEX", "LEXI", "LEXIE", "SANDY", "SANDRA"),
      List.of("SAMUEL", "SAM", "SAMMY"),
      List.of("SAMANTHA", "SAM", "SAMMY"),
      List.of("RICHARD", "RICH", "RICK", "RICKY", "RICHIE", "DICK"),
      List.of("EDWARD", "ED", "EDDIE", "TED", "TEDDY", "NED"),
      List.of("EDMUND", "ED", "EDDIE", "NED"),
      List.of("CHRISTOPHER", "CHRIS", "KIT"),
      List.of("CHRISTINE", "CHRIS", "CHRISSIE", "TINA"),
      List.of("ANTHONY", "TONY", "ANT"),
      List.of("ANDREW", "ANDY", "DREW"),
      List.of("JOSEPH", "JOE", "JOEY"),
      List.of("MATTHEW", "MATT", "MATTY"),
      List.of("NICHOLAS", "NICK", "NICKY", "NICO"),
      List.of("PETER", "PETE"),
      List.of("STEPHEN", "STEVE", "STEVIE", "STEVEN"),
      List.of("PATRICK", "PAT", "PADDY"),
      List.of("PATRICIA", "PAT", "TRISH", "TRICIA", "PATSY", "PATTY"),
      List.of("DAVID", "DAVE", "DAVEY", "DAI"),
      List.of("CHARLES", "CHARLIE", "CHAS", "CHUCK"),
      List.of("CHARLOTTE", "CHARLIE", "LOTTIE", "LOTTE"),
      List.of("BENJAMIN", "BEN", "BENNY", "BENJI"),
      List.of("HENRY", "HARRY", "HAL", "HANK"),
      List.of("TIMOTHY", "TIM", "TIMMY"),
      List.of("PHILIP", "PHIL", "PIP", "PHILLIP"),
      List.of("GERALD", "GERRY", "GED"),
      List.of("GERARD", "GERRY", "GED"),
      List.of("FREDERICK", "FRED", "FREDDIE", "FREDDY"),
      List.of("ALFRED", "ALF", "ALFIE", "FRED"),
      List.of("ALBERT", "BERT", "BERTIE", "AL"),
      List.of("ARTHUR", "ART", "ARTIE"),
      List.of("KENNETH", "KEN", "KENNY"),
      List.of("LAWRENCE", "LARRY", "LAURIE", "LAURENCE"),
      List.of("LEONARD", "LEN", "LENNY", "LEO"),
      List.of("RONALD", "RON", "RONNIE"),
      List.of("DONALD", "DON", "DONNIE"),
      List.of("DOUGLAS", "DOUG", "DOUGIE"),
      List.of("RAYMOND", "RAY"),
      List.of("REGINALD", "REG", "REGGIE"),
      List.of("STANLEY", "STAN"),
      List.of("TERENCE", "TERRY", "TEL", "TERRENCE"),
      List.of("VINCENT", "VINCE", "VINNIE"),
      List.of("ZACHARY", "ZACH", "ZAK", "ZAC"),
      List.of("NATHAN", "NATE", "NAT"),
      List.of("NATHANIEL", "NAT", "NATE", "NATHAN"),
      List.of("JOSHUA", "JOSH"),
      List.of("DOMINIC", "DOM"),
      List.of("FRANCIS", "FRANK", "FRAN", "FRANKIE"),
      List.of("FRANCES", "FRAN", "FRANKIE", "FRANNIE"),
      List.of("JENNIFER", "JEN", "JENNY"),
      List.of("SUSAN", "SUE", "SUSIE", "SUZY"),
      List.of("DEBORAH", "DEBBIE", "DEB", "DEBRA"),
      List.of("REBECCA", "BECKY", "BECCA", "BEX", "REBEKAH"),
      List.of("VICTORIA", "VICKY", "VICKI", "TORI"),
      List.of("JESSICA", "JESS", "JESSIE"),
      List.of("JACQUELINE", "JACKIE", "JACQUI"),
      List.of("JUDITH", "JUDY", "JUDE"),
      List.of("MARY", "MOLLY", "POLLY", "MAE"),
      List.of("SARAH", "SALLY", "SADIE", "SARA"),
      List.of("ANNE", "ANNIE", "ANN", "NAN"),
      List.of("HELEN", "NELL", "NELLIE"),
      List.of("ELEANOR", "ELLIE", "NELL", "NELLIE", "ELLA"),
      List.of("ABIGAIL", "ABBY", "ABBIE", "GAIL"),
      List.of("AMANDA", "MANDY"),
      List.of("BARBARA", "BABS", "BARB"),
      List.of("DOROTHY", "DOT", "DOTTIE", "DOLLY"),
      List.of("GILLIAN", "GILL", "JILL", "GILLY"),
      List.of("JOSEPHINE", "JO", "JOSIE"),
      List.of("JOANNE", "JO", "JOANNA"),
      List.of("KIMBERLEY", "KIM", "KIMBERLY"),
      List.of("PAMELA", "PAM"),
      List.of("PENELOPE", "PENNY"),
      List.of("ROSEMARY", "ROSIE", "ROSE"),
      List.of("THERESA", "TESS", "TESSA", "TERRI", "TERESA"),
      List.of("VALERIE", "VAL"),
      List.of("ISABEL", "IZZY", "BELLA", "ISSY", "ISABELLA", "ISOBEL"),
      List.of("CAROLINE", "CARRIE", "CARO", "CAROLYN"),
      List.of("SEAN", "SHAUN", "SHAWN"),
      // Further English diminutives, including shortenings of two or three letters.
      List.of("DAVID", "DAVY", "DAI"),
      List.of("GREGORY", "GREG"),
      List.of("KATHRYN", "KATH", "KATE", "KATHY"),
      List.of("SAMANTHA", "SAMMIE", "SAMMI"),
      List.of("AMELIA", "MILLIE", "MILLY", "MEL"),
      List.of("EMILY", "MILLIE", "EM", "EMMY"),
      List.of("MATILDA", "TILLY", "TILLIE", "TILDA"),
      List.of("FLORENCE", "FLO", "FLORRIE", "FLOSSIE"),
      List.of("DEREK", "DEL", "DEZ"),
      List.of("ALBERT", "ALBIE", "BERT"),
      List.of("HAROLD", "HARRY", "HAL"),
      List.of("LESLIE", "LES"),
      List.of("LESLEY", "LES"),
      List.of("NORMAN", "NORM"),
      List.of("GEOFFREY", "GEOFF", "JEFF"),
      List.of("MALCOLM", "MAL"),
      List.of("TREVOR", "TREV"),
      List.of("STUART", "STU", "STEWART"),
      List.of("JACOB", "JAKE", "JAKOB"),
      List.of("ARCHIBALD", "ARCHIE", "ARCHY"),
      List.of("THEODORE", "THEO", "TEDDY"),
      List.of("BEVERLEY", "BEV", "BEVERLY"),
      List.of("PAULINE", "PAULA"),
      List.of("ALISON", "ALI", "ALLY"),
      List.of("CAROLINE", "CAZ", "CARO"),
      List.of("NICOLA", "NICKY", "NIKKI"),
      List.of("NATALIE", "NAT", "TALIA"),
      List.of("GEMMA", "GEM"),
      List.of("DANIELLE", "DANI", "ELLE"),
      List.of("JASMINE", "JAS", "JAZ", "JASMIN"),
      List.of("HARRIET", "HATTIE", "HARRIE"),
      List.of("ANNE MARIE", "ANNIE"),
      List.of("JEAN PAUL", "JP"),
      List.of("CALLUM", "CAL"),
      List.of("BRADLEY", "BRAD"),
      List.of("WINIFRED", "WINNIE", "FREDA"),
      List.of("SIDNEY", "SID", "SYDNEY"),
      List.of("BERNARD", "BERNIE"),
      List.of("WALTER", "WALLY", "WALT"),
      List.of("CLIFFORD", "CLIFF"),
      List.of("RUSSELL", "RUSS"),
      List.of("SHARON", "SHAZ"),
      List.of("HILDA", "HIL"),
      List.of("LOUIS", "LOU"),
      List.of("LOUISE", "LOU", "LOUIE"),
      // Irish names and their anglicised or pet forms.
      List.of("SIOBHAN", "SHIV", "SHEVAUN"),
      List.of("PADRAIG", "PADDY", "PATRICK"),
      List.of("BRIDGET", "BRIDIE", "BIDDY"),
      // South Asian and Arabic names: a common short form.
      List.of("MOHAMMED", "MO"),
      List.of("MUHAMMAD", "MO"),
      List.of("MOHAMMAD", "MO"),
      List.of("MOHAMED", "MO"),
      List.of("ABDULLAH", "ABDUL"),
      List.of("IBRAHIM", "IBBY"),
      List.of("ZAKARIYA", "ZAK", "ZAKARIA", "ZACHARIAH"),
      // Yoruba and Igbo names are often shortened to their last part.
      List.of("OLUWASEUN", "SEUN"),
      List.of("OLUWATOBI", "TOBI"),
      List.of("OLUWASEGUN", "SEGUN"),
      List.of("OLUWAFEMI", "FEMI"),
      List.of("CHUKWUEMEKA", "EMEKA"),
      List.of("FUNMILAYO", "FUNMI"),
      List.of("TEMITOPE", "TOPE"),
      List.of("CHIAMAKA", "AMAKA"),
      List.of("ABDIRAHMAN", "ABDI"),
      // Polish names and their everyday forms (standardised names keep letters such as Ł).
      List.of("MAŁGORZATA", "GOSIA", "MAŁGOSIA"),
      List.of("KATARZYNA", "KASIA"),
      List.of("AGNIESZKA", "AGA"),
      List.of("ALEKSANDRA", "OLA"),
      List.of("MAGDALENA", "MAGDA"),
      List.of("ALEKSANDER", "OLEK"),
      List.of("KRZYSZTOF", "KRZYS"),
      List.of("MATEUSZ", "MATI"),
      List.of("BARTOSZ", "BARTEK"),
      List.of("JAKUB", "KUBA"),
      List.of("MICHAŁ", "MICHU", "MICHAEL"),
      List.of("TOMASZ", "TOMEK", "THOMAS"),
      List.of("PAWEŁ", "PAWEŁEK", "PAUL"),
      List.of("ŁUKASZ", "LUKE", "LUKASZ"),
      List.of("WOJCIECH", "WOJTEK"));

  /** Each name's group numbers, ascending, so a look-up allocates nothing. */
  private static final Map<String, int[]> GROUPS_BY_NAME = index(GROUPS);

  private Nicknames() {}

  /**
   * True when the two standardised (upper-case) given names are different members of one group,
   * in either order. Equal names are not variants: they are an exact agreement.
   */
  public static boolean areVariants(String a, String b) {
    if (a == null || b == null || a.equals(b)) {
      return false;
    }
    int[] first = GROUPS_BY_NAME.get(a);
    int[] second = first == null ? null : GROUPS_BY_NAME.get(b);
    return second != null && shareOne(first, second);
  }

  /** A common nickname of a formal given name (WILLIAM → BILL), or empty when it is not one. */
  public static Optional<String> nicknameOf(String formal) {
    for (List<String> group : GROUPS) {
      if (group.get(0).equals(formal)) {
        return Optional.of(group.get(1));
      }
    }
    return Optional.empty();
  }

  private static boolean shareOne(int[] first, int[] second) {
    int i = 0;
    int j = 0;
    while (i < first.length && j < second.length) {
      if (first[i] == second[j]) {
        return true;
      }
      if (first[i] < second[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  private static Map<String, int[]> index(List<List<String>> groups) {
    Map<String, int[]> byName = new HashMap<>();
    for (int group = 0; group < groups.size(); group++) {
      for (String name : groups.get(group)) {
        int[] existing = byName.getOrDefault(name, new int[0]);
        if (existing.length == 0 || existing[existing.length - 1] != group) {
          int[] extended = Arrays.copyOf(existing, existing.length + 1);
          extended[existing.length] = group;
          byName.put(name, extended);
        }
      }
    }
    return Map.copyOf(byName);
  }
}
