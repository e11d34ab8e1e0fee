//! Clinical-trial registry types shared by the Trials pallet, the runtime and its clients: the
//! codes a trial's history is told in, and the answers of the `TrialsApi` runtime API.
//!
//! The chain never sees a protocol, an outcome or a participant: only hashes and Merkle roots
//! (docs/trials.md says how each is computed), and participant ids that are salted hashes of
//! patient ids.

use super::*;
use alloc::vec::Vec;
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// Counter id of a registered trial.
pub type TrialId = u64;

/// A trial participant: `blake2_256("medchain/trials/participant/v1" ++ patient id ++ salt)`
/// ([`participant_id`]), the salt kept by the site and the patient. Never the patient id.
pub type ParticipantId = H256;

/// Number of a protocol version of a trial: 0 at registration, one more with each amendment.
pub type ProtocolVersion = u32;

/// Tag of a participant id's preimage.
pub const PARTICIPANT_TAG: &[u8; 30] = b"medchain/trials/participant/v1";
/// Tag of an outcome leaf's preimage.
pub const OUTCOME_TAG: &[u8; 26] = b"medchain/trials/outcome/v1";
/// Tag of a withdrawal commitment's preimage.
pub const WITHDRAWAL_TAG: &[u8; 29] = b"medchain/trials/withdrawal/v1";

/// The participant id of `patient` under `salt` (32 random bytes chosen at consent).
pub fn participant_id(patient: &PatientId, salt: &[u8; 32]) -> ParticipantId {
	let mut buf = [0u8; 30 + 32 + 32];
	let (tag, rest) = buf.split_at_mut(30);
	tag.copy_from_slice(PARTICIPANT_TAG);
	let (p, s) = rest.split_at_mut(32);
	p.copy_from_slice(patient.as_bytes());
	s.copy_from_slice(salt);
	BlakeTwo256::hash(&buf)
}

/// The leaf of one pre-specified outcome: `blake2_256("medchain/trials/outcome/v1" ++ level ++
/// salt ++ description_hash)`, where `level` is the [`OutcomeLevel`]'s SCALE byte, `salt` 32
/// random bytes kept by the sponsor, and `description_hash` the blake2_256 of the outcome's
/// description in its canonical form (docs/trials.md). The salt makes a leaf unguessable from a
/// list of likely outcomes, so a root reveals nothing until the sponsor opens a leaf.
pub fn outcome_leaf(level: OutcomeLevel, salt: &[u8; 32], description_hash: &H256) -> H256 {
	let mut buf = [0u8; 26 + 1 + 32 + 32];
	let (tag, rest) = buf.split_at_mut(26);
	tag.copy_from_slice(OUTCOME_TAG);
	let (l, rest) = rest.split_at_mut(1);
	l.copy_from_slice(&[level as u8]);
	let (s, d) = rest.split_at_mut(32);
	s.copy_from_slice(salt);
	d.copy_from_slice(description_hash.as_bytes());
	BlakeTwo256::hash(&buf)
}

/// The message a participant's withdrawal key signs (sr25519) to withdraw them at `scope`:
/// `"medchain/trials/withdrawal/v1" ++ SCALE(trial, participant, scope)`. The patient's app
/// derives one key per trial, a hard derivation of the patient's own sr25519 key by the junctions
/// `//medchain-trials//<trial id, decimal>` (docs/trials.md §3), so two participations of one
/// patient cannot be linked by their keys; the site records its public half at a consent, and
/// it is kept for good.
/// The signature binds the scope, so a withdrawal seen in the transaction pool cannot be
/// replayed wider, and the chain never learns which patient withdrew.
pub fn withdrawal_message(
	trial: TrialId,
	participant: &ParticipantId,
	scope: WithdrawalScope,
) -> Vec<u8> {
	let mut message = WITHDRAWAL_TAG.to_vec();
	(trial, participant, scope).encode_to(&mut message);
	message
}

macro_rules! code_enum {
	($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
		$(#[$meta])*
		#[derive(
			Encode,
			Decode,
			DecodeWithMemTracking,
			MaxEncodedLen,
			TypeInfo,
			Clone,
			Copy,
			PartialEq,
			Eq,
			PartialOrd,
			Ord,
			Debug,
			serde::Serialize,
			serde::Deserialize,
		)]
		pub enum $name { $($(#[$vmeta])* $variant),+ }
	};
}

code_enum! {
	/// How important a pre-specified outcome is (WHO TRDS items 19 and 20).
	pub enum OutcomeLevel {
		/// A primary outcome: what the trial is powered for.
		Primary,
		/// A key secondary outcome.
		Secondary,
		/// An exploratory outcome.
		Exploratory,
	}
}

code_enum! {
	/// Why a protocol was amended (ICH M11 / USDM amendment reasons, condensed).
	pub enum AmendmentReason {
		/// Participant safety.
		Safety,
		/// A regulator's or an ethics committee's request.
		Regulatory,
		/// Recruitment difficulties.
		Recruitment,
		/// A change of the trial's design or analysis.
		Design,
		/// Anything else (the protocol document says what).
		Other,
	}
}

code_enum! {
	/// Where a trial stood when a protocol version was committed; computed by the chain from
	/// its own records, never supplied.
	pub enum TrialPhase {
		/// Before the trial's first enrolment.
		BeforeEnrolment,
		/// After the first enrolment, before the database lock.
		AfterEnrolment,
		/// After the database lock, before unblinding.
		AfterDataLock,
		/// After unblinding.
		AfterUnblinding,
	}
}

code_enum! {
	/// A data commitment of a trial: the Merkle root of a dataset built with the batch tool
	/// (`medchain-merkle`, the scheme of [`crate::merkle`]).
	pub enum DataKind {
		/// The randomisation list (allocation sequence).
		RandomisationList,
		/// An interim analysis dataset.
		InterimAnalysis,
		/// The locked database, before unblinding: results are bound to it.
		DatabaseLock,
	}
}

code_enum! {
	/// A document whose hash a trial commits, for `verify_document`.
	pub enum DocumentKind {
		/// The trial's title (WHO TRDS items 9 and 10).
		Title,
		/// A protocol version's document.
		Protocol,
		/// A protocol version's statistical analysis plan.
		AnalysisPlan,
		/// A protocol version's participant information and consent form.
		ConsentForm,
		/// The root of a protocol version's outcome leaves.
		OutcomesRoot,
		/// The root of a data commitment (randomisation list, interim analysis, database lock).
		DataRoot,
		/// The results document.
		Results,
		/// The root of the per-outcome results.
		ResultsRoot,
		/// Why the trial stopped.
		WhyStopped,
	}
}

code_enum! {
	/// Recruitment status, as registries state it (ClinicalTrials.gov `OverallStatus`, WHO
	/// TRDS item 18).
	pub enum RecruitmentStatus {
		/// Registered, not yet recruiting.
		NotYetRecruiting,
		/// Recruiting.
		Recruiting,
		/// Enrolling by invitation only.
		EnrollingByInvitation,
		/// Active, no longer recruiting.
		ActiveNotRecruiting,
		/// Suspended (may resume); a reason is recorded.
		Suspended,
		/// Stopped early for good; a reason is recorded.
		Terminated,
		/// Completed as planned.
		Completed,
		/// Withdrawn before its first enrolment; a reason is recorded.
		Withdrawn,
	}
}

impl RecruitmentStatus {
	/// Whether participants may be enrolled in this status.
	pub fn enrols(self) -> bool {
		matches!(self, Self::NotYetRecruiting | Self::Recruiting | Self::EnrollingByInvitation)
	}

	/// Whether a trial in this status must say why it stopped.
	pub fn is_stopped(self) -> bool {
		matches!(self, Self::Suspended | Self::Terminated | Self::Withdrawn)
	}

	/// Whether the trial is over for good: no status follows.
	pub fn is_final(self) -> bool {
		matches!(self, Self::Terminated | Self::Completed | Self::Withdrawn)
	}
}

code_enum! {
	/// How far a participant's withdrawal goes (ICH E6 and GDPR practice).
	pub enum WithdrawalScope {
		/// No further intervention; follow-up data may still be collected.
		FollowUpOnly,
		/// No further data is collected; data collected so far is kept.
		NoFurtherData,
		/// No further data, and the participant's data is to be destroyed where the law allows.
		DestroyData,
	}
}

/// When a trial's enrolment began, against its registration: the chain's answer to "was this
/// trial prospectively registered?".
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum RegistrationTiming {
	/// The first participant was enrolled on chain after the trial was registered.
	Prospective,
	/// The sponsor declared at registration that enrolment had begun `days` whole days
	/// earlier (off chain).
	Retrospective {
		/// Whole days between the declared start and the registration.
		days: u32,
	},
	/// Nobody is enrolled yet.
	NotYetEnrolled,
}

/// The answer of `was_prespecified`: the first protocol version whose outcome root holds the
/// outcome, and where the trial stood then.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Prespecification {
	/// The protocol version.
	pub version: ProtocolVersion,
	/// The trial's phase when that version was committed.
	pub phase: TrialPhase,
	/// When that version was committed (timestamp, ms).
	pub committed_at: Moment,
}

/// Where a document hash was committed, as `verify_document` answers it.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct DocumentCommitment {
	/// The protocol version it belongs to (`None` for the title, data commitments and results).
	pub version: Option<ProtocolVersion>,
	/// The trial's phase when it was committed.
	pub phase: TrialPhase,
	/// When it was committed (timestamp, ms).
	pub committed_at: Moment,
}

/// One step of a trial's history, in order.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum TrialStep {
	/// Registered with protocol version 0.
	Registered,
	/// A protocol version was approved by an ethics committee.
	VersionApproved {
		/// The version.
		version: ProtocolVersion,
		/// The ethics committee (an organisation of kind `EthicsCommittee`).
		committee: OrgId,
	},
	/// A new protocol version.
	Amended {
		/// The new version.
		version: ProtocolVersion,
		/// Why.
		reason: AmendmentReason,
		/// Whether its outcomes differ from the previous version's (computed).
		changes_outcomes: bool,
		/// Whether participants must consent again.
		needs_reconsent: bool,
		/// The trial's phase then (computed).
		phase: TrialPhase,
	},
	/// A site organisation was activated.
	SiteActivated {
		/// The site.
		site: OrgId,
	},
	/// The trial's first participant was enrolled.
	FirstEnrolment {
		/// The site that enrolled them.
		site: OrgId,
	},
	/// A data commitment.
	DataCommitted {
		/// What was committed.
		kind: DataKind,
		/// Its Merkle root.
		root: H256,
	},
	/// The allocation was unblinded.
	Unblinded,
	/// Results were posted.
	ResultsPosted {
		/// The results document's hash.
		results_hash: H256,
	},
	/// The recruitment status changed.
	StatusChanged {
		/// The new status.
		status: RecruitmentStatus,
		/// Why the trial stopped (the reason's hash), for a suspended, terminated or withdrawn
		/// trial.
		why_stopped: Option<H256>,
		/// The trial's phase then (computed).
		phase: TrialPhase,
	},
}

/// An entry of a trial's history: what happened, when, and who did it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct HistoryEntry<AccountId> {
	/// What happened.
	pub step: TrialStep,
	/// When (timestamp, ms).
	pub at: Moment,
	/// Who signed it.
	pub by: AccountId,
	/// The organisation it acted for.
	pub org: OrgId,
}

/// A participant as `participant_status` answers it.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct ParticipantStatus {
	/// The site that recorded the participant.
	pub site: OrgId,
	/// The protocol version of the participant's latest consent.
	pub consented_version: ProtocolVersion,
	/// When the participant was enrolled, if they were.
	pub enrolled_at: Option<Moment>,
	/// Whether a later version needs consent again and the participant has not given it.
	pub needs_reconsent: bool,
	/// The withdrawal, if they withdrew: how far, and when.
	pub withdrawn: Option<(WithdrawalScope, Moment)>,
	/// The sr25519 public key whose signature withdraws the participant themselves, if their
	/// site recorded one (the patient's app checks it is the key it derived).
	pub withdrawal_key: Option<[u8; 32]>,
}

/// What a trial's results rest on, as `results_provenance` answers it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ResultsProvenance {
	/// The database lock: its root and when it was committed.
	pub database_lock: Option<(H256, Moment)>,
	/// When the allocation was unblinded.
	pub unblinded_at: Option<Moment>,
	/// The results: document hash, root of the per-outcome results, when posted.
	pub results: Option<(H256, H256, Moment)>,
	/// The protocol version whose statistical analysis plan the results follow.
	pub analysis_plan_version: Option<ProtocolVersion>,
	/// When the first participant was enrolled (declared or recorded).
	pub first_enrolment: Option<Moment>,
	/// The amendments committed after the first enrolment: version, phase, whether they
	/// changed the outcomes.
	pub amendments_after_enrolment: Vec<(ProtocolVersion, TrialPhase, bool)>,
}

sp_api::decl_runtime_apis! {
	/// The clinical-trial registry's questions: registration timing, outcome pre-specification,
	/// document verification, a trial's history, a participant's status and what results rest on.
	pub trait TrialsApi<AccountId> where AccountId: codec::Codec {
		/// Whether `trial` was registered before its first enrolment. `None` for an unknown trial.
		fn registration_timing(trial: TrialId) -> Option<RegistrationTiming>;

		/// The first protocol version of `trial` whose outcome root holds `outcome_leaf` as leaf
		/// `index` by `proof` (the batch tool's Merkle scheme). `None` if none does, or the input
		/// is malformed.
		fn was_prespecified(trial: TrialId, outcome_leaf: H256, proof: Vec<H256>, index: u32) -> Option<Prespecification>;

		/// Where `trial` committed `hash` as a document of `kind` (the first time). `None` if it
		/// never did.
		fn verify_document(trial: TrialId, kind: DocumentKind, hash: H256) -> Option<DocumentCommitment>;

		/// `trial`'s history in order, from entry `from`, at most `limit` entries (capped at 100).
		fn history(trial: TrialId, from: u32, limit: u32) -> Vec<HistoryEntry<AccountId>>;

		/// `participant` of `trial`, or `None` if no site recorded them.
		fn participant_status(trial: TrialId, participant: ParticipantId) -> Option<ParticipantStatus>;

		/// What `trial`'s results rest on. `None` for an unknown trial.
		fn results_provenance(trial: TrialId) -> Option<ResultsProvenance>;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The vectors of docs/trials.md (computed there with an independent BLAKE2b).
	#[test]
	fn the_documented_vectors_hold() {
		let hex = |h: H256| alloc::format!("{h:x}");
		assert_eq!(
			hex(participant_id(&PatientId::repeat_byte(1), &[2; 32])),
			"99ff77811564a3376d3bc7f255bf91fee291294a610ac3562d76aa360b26a653"
		);
		let leaves = [
			outcome_leaf(OutcomeLevel::Primary, &[3; 32], &H256::repeat_byte(4)),
			outcome_leaf(OutcomeLevel::Primary, &[5; 32], &H256::repeat_byte(6)),
			outcome_leaf(OutcomeLevel::Secondary, &[7; 32], &H256::repeat_byte(8)),
		];
		let expected = [
			"99e783213f12eb7cd4b19bc7adfe4e0e3e51e35c097f0cfbe910aff9f944f72f",
			"d42ece91e0cbf699a604a23b2ba0612a04105dae29f4ab9057ac74eff028be40",
			"aa3a045979aeff3e443e91f1459d0c46714a5afa80489c17426478bfbc5cd52c",
		];
		for (leaf, want) in leaves.iter().zip(expected) {
			assert_eq!(hex(*leaf), want);
		}
		// The documented proof of leaf 0 is its partners' leaf hashes; the root pairs them.
		let proof = [merkle::leaf_hash(&leaves[1]), merkle::leaf_hash(&leaves[2])];
		assert_eq!(
			proof.map(hex),
			[
				"44a21076f7c5b86fe42ce55934b0536475c956e898534135f3115f8a61b5fa98",
				"d1bab56b02aa1d783eae9e724b161396f19d1aadb9a4bcb4fa401a65d463a270",
			]
		);
		let root = merkle::node_hash(
			&merkle::node_hash(&merkle::leaf_hash(&leaves[0]), &proof[0]),
			&proof[1],
		);
		assert_eq!(hex(root), "94e2b9d94a05e61b4f48db10c19b4f275682598fec22ccd55840b7885fdbd8f1");
		assert!(merkle::verify(&root, &leaves[0], 0, 3, &proof));
		assert!(!merkle::verify(&root, &leaves[1], 0, 3, &proof));
		let description =
			"0x94dbf18f1dc8dbc7efcec925c45de54ebbe2fd8d0681d51c38621c1c4b8ec0c4".parse::<H256>();
		assert_eq!(
			description.ok().map(|d| hex(outcome_leaf(OutcomeLevel::Primary, &[0x11; 32], &d))),
			Some("129adf9bfc18df4d377c86227152624271f9bf1a3f102656661042cbd321b2e7".into())
		);
		let message = withdrawal_message(5, &H256::repeat_byte(7), WithdrawalScope::NoFurtherData);
		assert_eq!(
			sp_core::hexdisplay::HexDisplay::from(&message).to_string(),
			"6d6564636861696e2f747269616c732f7769746864726177616c2f7631050000000000000007070707\
			 0707070707070707070707070707070707070707070707070707070701"
		);
	}

	#[test]
	fn a_withdrawal_message_binds_trial_participant_and_scope() {
		let p = H256::repeat_byte(7);
		let m = withdrawal_message(5, &p, WithdrawalScope::NoFurtherData);
		let mut expected = WITHDRAWAL_TAG.to_vec();
		expected.extend_from_slice(&5u64.to_le_bytes());
		expected.extend_from_slice(p.as_bytes());
		expected.push(1);
		assert_eq!(m, expected);
		assert_ne!(m, withdrawal_message(5, &p, WithdrawalScope::DestroyData));
		assert_ne!(m, withdrawal_message(6, &p, WithdrawalScope::NoFurtherData));
	}

	#[test]
	fn an_outcome_leaf_depends_on_level_salt_and_description() {
		let d = H256::repeat_byte(3);
		let leaf = outcome_leaf(OutcomeLevel::Primary, &[1; 32], &d);
		assert_ne!(leaf, outcome_leaf(OutcomeLevel::Secondary, &[1; 32], &d));
		assert_ne!(leaf, outcome_leaf(OutcomeLevel::Primary, &[2; 32], &d));
		assert_ne!(leaf, outcome_leaf(OutcomeLevel::Primary, &[1; 32], &H256::repeat_byte(4)));
		let mut preimage = OUTCOME_TAG.to_vec();
		preimage.push(0);
		preimage.extend_from_slice(&[1; 32]);
		preimage.extend_from_slice(d.as_bytes());
		assert_eq!(leaf, BlakeTwo256::hash(&preimage));
	}

	#[test]
	fn a_participant_id_is_a_salted_hash_of_the_patient() {
		let patient = PatientId::repeat_byte(9);
		let id = participant_id(&patient, &[5; 32]);
		assert_ne!(id, patient);
		assert_ne!(id, participant_id(&patient, &[6; 32]));
		let mut preimage = PARTICIPANT_TAG.to_vec();
		preimage.extend_from_slice(patient.as_bytes());
		preimage.extend_from_slice(&[5; 32]);
		assert_eq!(id, BlakeTwo256::hash(&preimage));
	}
}
