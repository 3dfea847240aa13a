package org.carelake.synthetic;

import java.util.List;

/**
 * The thirteen landing feeds (the two GP medication feeds last, so the others keep their ordinals and streams): file id, source folder, the columns (lake name and supplier header,
 * in file order, as in data-contracts/&lt;source&gt;/&lt;id&gt;.v1.yaml) and where the dates and codes
 * sit, which the defect injector needs.
 */
enum Feed {
  GP_EMIS_PATIENTS("gp", "gp_emis_patients", DateText.DAY_MONTH_YEAR,
      "patient_id:PatientGuid", "nhs_number:NHSNumber", "given_name:Forenames", "family_name:Surname",
      "date_of_birth:DateOfBirth", "sex:Sex", "ethnicity:EthnicCategory", "address_line:AddressLine1",
      "postcode:Postcode", "telephone:HomePhone", "practice_code:PracticeCode",
      "registration_date:RegistrationDate", "deregistration_date:DeregistrationDate", "date_of_death:DateOfDeath"),
  GP_TPP_PATIENTS("gp", "gp_tpp_patients", DateText.ISO_DATE,
      "patient_id:patient_id", "nhs_number:nhs_no", "given_name:first_name", "family_name:last_name",
      "date_of_birth:dob", "sex:gender", "ethnicity:ethnicity_code", "address_line:address_1",
      "postcode:post_code", "telephone:phone", "practice_code:practice_ods", "registration_date:reg_start",
      "deregistration_date:reg_end", "date_of_death:date_of_death"),
  GP_EMIS_EVENTS("gp", "gp_emis_events", DateText.DAY_MONTH_YEAR,
      "event_id:CodedEventGuid", "patient_id:PatientGuid", "nhs_number:NHSNumber", "event_date:EffectiveDate",
      "snomed_code:SnomedCTConceptId", "value:NumericValue", "units:NumericUnit", "practice_code:PracticeCode",
      "deleted:Deleted"),
  GP_TPP_EVENTS("gp", "gp_tpp_events", DateText.COMPACT_DATE,
      "event_id:event_id", "patient_id:patient_id", "nhs_number:nhs_no", "event_date:date_recorded",
      "snomed_code:code", "value:numeric_value", "units:units", "practice_code:practice_ods",
      "deleted:deleted"),
  ACUTE_APC("acute", "acute_apc", DateText.ISO_DATE,
      "spell_id:SPELL_ID", "nhs_number:NHS_NUMBER", "date_of_birth:DOB", "sex:SEX", "postcode:POSTCODE",
      "admission_date:ADMIDATE", "discharge_date:DISDATE", "admission_method:ADMIMETH",
      "primary_diagnosis:DIAG_01", "primary_procedure:OPERTN_01", "provider_code:PROCODE"),
  ACUTE_ECDS("acute", "acute_ecds", DateText.ISO_DATE,
      "attendance_id:attendance_id", "nhs_number:nhs_number", "date_of_birth:date_of_birth", "sex:stated_gender",
      "postcode:postcode", "arrival_time:arrival_datetime", "chief_complaint:chief_complaint_snomed",
      "acuity:acuity", "discharge_destination:discharge_destination_snomed", "provider_code:provider_ods"),
  ACUTE_OP("acute", "acute_op", DateText.ISO_DATE,
      "appointment_id:ATTENDKEY", "nhs_number:NHSNO", "date_of_birth:DOB", "sex:SEX", "postcode:HOMEADD_PCODE",
      "appointment_date:APPTDATE", "treatment_specialty:TRETSPEF", "attendance_status:ATTENDED",
      "first_attendance:FIRSTATT", "provider_code:PROCODE"),
  MH_CONTACTS("mental-health", "mh_contacts", DateText.ISO_DATE,
      "contact_id:CareContactId", "referral_id:ServiceRequestId", "nhs_number:NHSNumber",
      "date_of_birth:PersonBirthDate", "sex:Gender", "postcode:Postcode", "contact_date:CareContDate",
      "team_type:ServTeamTypeRefToMH", "attended:AttendOrDNACode", "provider_code:OrgIDProv"),
  COMMUNITY_CONTACTS("community", "community_contacts", DateText.DAY_MONTH_YEAR,
      "contact_id:contact_ref", "nhs_number:nhs_num", "date_of_birth:birth_date", "sex:gender_code",
      "postcode:postcode", "contact_date:contact_date", "service_type:service", "attended:attendance",
      "provider_code:provider_ods"),
  ASC_SERVICES("social-care", "asc_services", DateText.DAY_MONTH_YEAR,
      "service_id:ServiceID", "nhs_number:NHSNumber", "date_of_birth:DateOfBirth", "sex:Gender",
      "postcode:Postcode", "service_start:ServiceStartDate", "service_end:ServiceEndDate",
      "service_type:ServiceType", "support_reason:PrimarySupportReason", "la_code:LACode"),
  OOH_CONTACTS("out-of-hours", "ooh_contacts", DateText.DAY_MONTH_YEAR,
      "case_id:CaseRef", "nhs_number:NHSNo", "date_of_birth:DOB", "sex:Sex", "postcode:Postcode",
      "contact_time:ContactDateTime", "contact_type:ContactType", "outcome:Outcome",
      "provider_code:ProviderCode"),
  GP_EMIS_MEDICATIONS("gp", "gp_emis_medications", DateText.DAY_MONTH_YEAR,
      "medication_id:IssueRecordGuid", "patient_id:PatientGuid", "nhs_number:NHSNumber", "issue_date:IssueDate",
      "dmd_code:DmdProductCodeId", "quantity:Quantity", "quantity_unit:QuantityUnit", "issue_type:IssueType",
      "practice_code:PracticeCode"),
  GP_TPP_MEDICATIONS("gp", "gp_tpp_medications", DateText.COMPACT_DATE,
      "medication_id:medication_id", "patient_id:patient_id", "nhs_number:nhs_no", "issue_date:date_issued",
      "dmd_code:dmd_code", "quantity:quantity", "quantity_unit:quantity_units", "issue_type:issue_type",
      "practice_code:practice_ods");

  private final String source;
  private final String id;
  private final DateText dateText;
  private final List<String> lakeNames;
  private final List<String> headers;

  Feed(String source, String id, DateText dateText, String... columns) {
    this.source = source;
    this.id = id;
    this.dateText = dateText;
    this.lakeNames = java.util.Arrays.stream(columns).map(c -> c.substring(0, c.indexOf(':'))).toList();
    this.headers = java.util.Arrays.stream(columns).map(c -> c.substring(c.indexOf(':') + 1)).toList();
  }

  /** Source folder under data-contracts, for example {@code acute}. */
  String source() {
    return source;
  }

  /** Feed id: the file name stem and the contract id. */
  String id() {
    return id;
  }

  String fileName() {
    return id + ".csv";
  }

  List<String> lakeNames() {
    return lakeNames;
  }

  List<String> headers() {
    return headers;
  }

  int column(String lakeName) {
    int index = lakeNames.indexOf(lakeName);
    if (index < 0) {
      throw new IllegalArgumentException(id + " has no column " + lakeName);
    }
    return index;
  }

  boolean has(String lakeName) {
    return lakeNames.contains(lakeName);
  }

  /** Layout of the feed's date columns (the care-time column of ECDS and OOH carries a time). */
  DateText dateText() {
    return dateText;
  }

  DateText careTimeText() {
    return switch (this) {
      case ACUTE_ECDS -> DateText.ISO_TIMESTAMP;
      case OOH_CONTACTS -> DateText.DAY_MONTH_YEAR_MINUTES;
      default -> dateText;
    };
  }

  /**
   * Care-date columns that may take a future or unparseable date, in order of preference, each
   * with the column whose not-before rule refers to it (or null). A column is used only when
   * that dependent is blank in the row, so a defect breaks exactly one rule.
   */
  List<String[]> breakableDates() {
    return switch (this) {
      case GP_EMIS_PATIENTS, GP_TPP_PATIENTS -> List.of(
          new String[] {"deregistration_date", null}, new String[] {"registration_date", "deregistration_date"});
      case GP_EMIS_EVENTS, GP_TPP_EVENTS -> List.<String[]>of(new String[] {"event_date", null});
      case ACUTE_APC -> List.of(new String[] {"discharge_date", null}, new String[] {"admission_date", "discharge_date"});
      case ACUTE_ECDS -> List.<String[]>of(new String[] {"arrival_time", null});
      case ACUTE_OP -> List.<String[]>of(new String[] {"appointment_date", null});
      case MH_CONTACTS, COMMUNITY_CONTACTS -> List.<String[]>of(new String[] {"contact_date", null});
      case ASC_SERVICES -> List.of(new String[] {"service_end", null}, new String[] {"service_start", "service_end"});
      case OOH_CONTACTS -> List.<String[]>of(new String[] {"contact_time", null});
      case GP_EMIS_MEDICATIONS, GP_TPP_MEDICATIONS -> List.<String[]>of(new String[] {"issue_date", null});
    };
  }

  /** The care date whose contract rule is not-before date_of_birth, or null (GP events carry no birth date). */
  String dateNotBeforeBirth() {
    return switch (this) {
      case GP_EMIS_PATIENTS, GP_TPP_PATIENTS -> "registration_date";
      case GP_EMIS_EVENTS, GP_TPP_EVENTS, GP_EMIS_MEDICATIONS, GP_TPP_MEDICATIONS -> null;
      case ACUTE_APC -> "admission_date";
      case ACUTE_ECDS -> "arrival_time";
      case ACUTE_OP -> "appointment_date";
      case MH_CONTACTS, COMMUNITY_CONTACTS -> "contact_date";
      case ASC_SERVICES -> "service_start";
      case OOH_CONTACTS -> "contact_time";
    };
  }

  /** The coded column an unknown code goes into, or null when the feed has none. */
  String codeColumn() {
    return switch (this) {
      case GP_EMIS_PATIENTS, GP_TPP_PATIENTS -> null;
      case GP_EMIS_EVENTS, GP_TPP_EVENTS -> "snomed_code";
      case ACUTE_APC -> "primary_diagnosis";
      case ACUTE_ECDS -> "chief_complaint";
      case ACUTE_OP -> "treatment_specialty";
      case MH_CONTACTS -> "team_type";
      case COMMUNITY_CONTACTS, ASC_SERVICES -> "service_type";
      case OOH_CONTACTS -> "outcome";
      case GP_EMIS_MEDICATIONS, GP_TPP_MEDICATIONS -> "dmd_code";
    };
  }

  /** The contract rule an unknown code breaks. */
  String codeRule() {
    return switch (this) {
      case GP_EMIS_EVENTS, GP_TPP_EVENTS, ACUTE_ECDS, GP_EMIS_MEDICATIONS, GP_TPP_MEDICATIONS -> "snomed-ct-id";
      case ACUTE_APC -> "icd10-code";
      default -> "valid-values";
    };
  }

  /** One of the seven care feeds (acute, mental health, community, social care, out of hours). */
  boolean isCare() {
    return ordinal() >= ACUTE_APC.ordinal() && ordinal() <= OOH_CONTACTS.ordinal();
  }

  /** Rows carry identifiers a linkage stage matches on beyond the NHS number (GP event rows do not). */
  boolean isIdentityBearing() {
    return this != GP_EMIS_EVENTS && this != GP_TPP_EVENTS && !isGpMedications();
  }

  boolean isGpMedications() {
    return this == GP_EMIS_MEDICATIONS || this == GP_TPP_MEDICATIONS;
  }

  boolean isGpPatients() {
    return this == GP_EMIS_PATIENTS || this == GP_TPP_PATIENTS;
  }
}
