//! What Netra records and who it tells: the actions of the audit log and the kinds of email the
//! outbox sends. Both are stored by name; the audit names are part of each row's hash, so a
//! name never changes once written.

codes! {
    /// An entry of the audit log: what happened, to a case or to the system.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum AuditAction {
        /// A report was filed on the public form.
        ReportSubmitted = "report_submitted",
        /// A case moved through the workflow (from and to state on the row).
        StateChanged = "state_changed",
        /// The reporter answered a question from the status page.
        InfoProvided = "info_provided",
        ReporterReplied = "reporter_replied",
        ReporterAddedEvidence = "reporter_added_evidence",
        ReporterOptedOut = "reporter_opted_out",
        MessageToReporter = "message_to_reporter",
        NoteAdded = "note_added",
        Assigned = "assigned",
        IdentityViewed = "identity_viewed",
        EvidenceDownloaded = "evidence_downloaded",
        EvidencePreviewed = "evidence_previewed",
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
        DeadlineChanged = "deadline_changed",
        AgencyToggled = "agency_toggled",
        MailRetried = "mail_retried",
        /// An operator re-hashed a chain written before it was keyed (`netra audit rekey`).
        ChainRekeyed = "chain_rekeyed",
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
        PpkOverdue = "ppk_overdue",
        DeadlineSoon = "deadline_soon",
        DeadlineMissed = "deadline_missed",
        /// An agency's daily summary.
        Digest = "digest",
        /// To national staff and admins: the audit chain's checkpoint of the day.
        AuditCheckpoint = "audit_checkpoint",
    }
}

impl MailKind {
    /// Deadline alerts, which are dropped when the deadline moved before delivery.
    pub fn is_deadline_alert(self) -> bool {
        matches!(self, Self::DeadlineSoon | Self::DeadlineMissed)
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
