//! What Netra records and who it tells: the actions of the audit log and the kinds of email the
//! outbox sends. Both are stored by name; the audit names are part of each row's hash, so a
//! name never changes once written.

codes! {
    /// An entry of the audit log: what happened, to a case or to the system.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AuditAction {
        /// A report was filed on the public form.
        ReportSubmitted = "report_submitted",
        /// Staff opened a case from a referral or an internal finding (the reason has the letter).
        CaseOpened = "case_opened",
        /// A case moved through the workflow (from and to state on the row).
        StateChanged = "state_changed",
        /// The reporter answered a question from the status page.
        InfoProvided = "info_provided",
        ReporterReplied = "reporter_replied",
        ReporterAddedEvidence = "reporter_added_evidence",
        ReporterOptedOut = "reporter_opted_out",
        MessageToReporter = "message_to_reporter",
        NoteAdded = "note_added",
        /// Staff corrected the reported person's details (the reason lists before and after).
        PersonCorrected = "person_corrected",
        Assigned = "assigned",
        IdentityViewed = "identity_viewed",
        EvidenceDownloaded = "evidence_downloaded",
        EvidencePreviewed = "evidence_previewed",
        /// Staff uploaded a case document (the reason names its kind, title and SHA-256).
        DocumentAdded = "document_added",
        /// Staff downloaded a case document.
        DocumentDownloaded = "document_downloaded",
        /// Staff downloaded the case file as PDF (it leaves the system: recorded like a document).
        CaseFileExported = "case_file_exported",
        /// A summons letter was recorded (the reason has its round, letter, day and place).
        SummonsSent = "summons_sent",
        /// Whether the summoned ASN appeared was recorded.
        SummonsAnswered = "summons_answered",
        /// A hearing of the examining team or the Majelis was recorded with its BAP.
        HearingHeld = "hearing_held",
        DeadlineSoonAlerted = "deadline_soon_alerted",
        DeadlineMissedAlerted = "deadline_missed_alerted",
        /// A case stayed in a state past every deadline: its data may be blocked (DOMAIN.md).
        DataBlockingFlagged = "data_blocking_flagged",
        DigestQueued = "digest_queued",
        /// The day's audit checkpoint was sent (the reason holds it).
        CheckpointSent = "checkpoint_sent",
        UserCreated = "user_created",
        UserDisabled = "user_disabled",
        PasswordReset = "password_reset",
        PasswordChanged = "password_changed",
        EmailPrefsChanged = "email_prefs_changed",
        HolidayAdded = "holiday_added",
        HolidayDeleted = "holiday_deleted",
        CalendarConfirmed = "calendar_confirmed",
        /// An admin edited a violation or sanction catalogue row (the reason: which, from what).
        CatalogueEdited = "catalogue_edited",
        DeadlineChanged = "deadline_changed",
        AgencyToggled = "agency_toggled",
        MailRetried = "mail_retried",
        /// An operator re-hashed a chain written before it was keyed (`netra audit rekey`).
        ChainRekeyed = "chain_rekeyed",
        /// A staff member set up the second sign-in factor (TOTP).
        SecondFactorEnrolled = "second_factor_enrolled",
        /// A staff member whose role does not require it switched their factor off.
        SecondFactorSwitchedOff = "second_factor_switched_off",
        /// An admin (or the command line) removed a staff member's factor (the reason: whose).
        SecondFactorReset = "second_factor_reset",
        /// A staff member made a new set of recovery codes (the old set is void).
        RecoveryCodesRenewed = "recovery_codes_renewed",
        /// A recovery code was spent to sign in.
        RecoveryCodeUsed = "recovery_code_used",
        /// An admin required (or stopped requiring) the factor of a role (the reason says which).
        SecondFactorRoleChanged = "second_factor_role_changed",
    }
}

codes! {
    /// A kind of email; its subject and lead are the catalogue's `mail.<name>.subject` / `.lead`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum MailKind {
        /// To the agency's staff: a new case.
        NewCase = "new_case",
        /// To the assigned staff: the reporter answered.
        ReporterReplied = "reporter_replied",
        /// To the reporter: the case's state changed.
        StateChanged = "state_changed",
        /// To the reporter: staff wrote to them.
        MessageToReporter = "message_to_reporter",
        /// To a staff member: a case was assigned to them.
        Assigned = "assigned",
        /// To the agency's BKPSDM staff and the handler: a case reached a step only BKPSDM
        /// moves (the recommendation, the PPK's decision).
        BkpsdmToAct = "bkpsdm_to_act",
        PpkOverdue = "ppk_overdue",
        DeadlineSoon = "deadline_soon",
        DeadlineMissed = "deadline_missed",
        /// An agency's daily summary.
        Digest = "digest",
        /// To national staff and admins: the audit chain's checkpoint of the day.
        AuditCheckpoint = "audit_checkpoint",
        /// To a staff member: their second sign-in factor was switched on.
        SecondFactorOn = "second_factor_on",
        /// To a staff member: their second sign-in factor was reset or switched off.
        SecondFactorOff = "second_factor_off",
    }
}

impl MailKind {
    /// Notices about the account's own sign-in: sent whatever the alert preference, since they
    /// are how someone learns that their account was taken over.
    pub fn is_account_security(self) -> bool {
        matches!(self, Self::SecondFactorOn | Self::SecondFactorOff)
    }

    /// Alerts about a deadline, which are dropped when the deadline moved before delivery (the
    /// case went on to another stage meanwhile).
    pub fn is_deadline_alert(self) -> bool {
        matches!(
            self,
            Self::DeadlineSoon | Self::DeadlineMissed | Self::BkpsdmToAct
        )
    }
}

codes! {
    /// A deadline alert, sent once per case, kind and deadline.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DeadlineAlert {
        /// The deadline is one working day away.
        Soon = "soon",
        /// The deadline has passed with the case still in that stage.
        Missed = "missed",
    }
}

impl DeadlineAlert {
    pub fn mail_kind(self) -> MailKind {
        match self {
            Self::Soon => MailKind::DeadlineSoon,
            Self::Missed => MailKind::DeadlineMissed,
        }
    }

    pub fn audit_action(self) -> AuditAction {
        match self {
            Self::Soon => AuditAction::DeadlineSoonAlerted,
            Self::Missed => AuditAction::DeadlineMissedAlerted,
        }
    }
}

codes! {
    /// What a staff member takes by email: every alert, or their agency's daily digest only.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AlertPref {
        All = "all",
        DigestOnly = "digest",
    }
}
