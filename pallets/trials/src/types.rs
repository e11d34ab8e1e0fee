//! The Trials pallet's stored types and call arguments.

use super::*;

/// A registry a trial is registered in (WHO Trial Registration Data Set items 1 and 3).
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
)]
pub enum Registry {
	/// ClinicalTrials.gov: `NCT` and 8 digits.
	ClinicalTrialsGov,
	/// ISRCTN: `ISRCTN` and 8 digits.
	Isrctn,
	/// The EU Clinical Trials Information System: an EU CT number, `YYYY-NNNNNN-NN-NN`.
	EuCt,
	/// Another WHO primary registry (ChiCTR, CTRI, DRKS, jRCT, …): 3 or more of `A–Z a–z 0–9 - / .`,
	/// not a ClinicalTrials.gov, ISRCTN or EU CT id in any case or with other separators.
	Other,
}

/// A trial's id in one registry, validated on input ([`RegistryId::is_valid`]).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	PartialOrdNoBound,
	OrdNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxLen))]
#[codec(mel_bound())]
pub struct RegistryId<MaxLen: Get<u32>> {
	/// The registry.
	pub registry: Registry,
	/// The id there, in ASCII.
	pub id: BoundedVec<u8, MaxLen>,
}

impl<MaxLen: Get<u32>> RegistryId<MaxLen> {
	/// Whether the id has its registry's form. An id of ClinicalTrials.gov, ISRCTN or the EU
	/// CT system must be given under its own registry, never under `Other`.
	pub fn is_valid(&self) -> bool {
		let id = self.id.as_slice();
		match self.registry {
			Registry::ClinicalTrialsGov => is_nct(id),
			Registry::Isrctn => is_isrctn(id),
			Registry::EuCt => is_eu_ct(id),
			Registry::Other => {
				// Compared without case and separators, so `nct-01234567` is an NCT number too.
				let compact: Vec<u8> = id
					.iter()
					.filter(|b| b.is_ascii_alphanumeric())
					.map(u8::to_ascii_uppercase)
					.collect();
				let eu_ct_digits = compact.len() == 14 && all_digits(&compact);
				id.len() >= 3
					&& id
						.iter()
						.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'.'))
					&& !is_nct(&compact)
					&& !is_isrctn(&compact)
					&& !eu_ct_digits
			}
		}
	}

	/// The key the registry index holds the id under: its registry and the id in ASCII upper
	/// case, so ids differing only in case (`ChiCTR…`, `CHICTR…`) are one id.
	pub fn index_key(&self) -> Self {
		let mut id = self.id.clone();
		id.as_mut().make_ascii_uppercase();
		Self { registry: self.registry, id }
	}
}

/// `NCT` and 8 digits.
fn is_nct(id: &[u8]) -> bool {
	id.len() == 11 && id.starts_with(b"NCT") && id.get(3..).is_some_and(all_digits)
}

/// `ISRCTN` and 8 digits.
fn is_isrctn(id: &[u8]) -> bool {
	id.len() == 14 && id.starts_with(b"ISRCTN") && id.get(6..).is_some_and(all_digits)
}

/// An EU CT number: `YYYY-NNNNNN-NN-NN`.
fn is_eu_ct(id: &[u8]) -> bool {
	id.split(|b| *b == b'-').map(|p| p.len()).eq([4usize, 6, 2, 2])
		&& id.split(|b| *b == b'-').all(all_digits)
}

fn all_digits(s: &[u8]) -> bool {
	s.iter().all(u8::is_ascii_digit)
}

/// What a protocol version commits: the hashes of its documents and the Merkle root of its
/// salted outcome leaves (docs/trials.md).
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
	Debug,
)]
pub struct ProtocolDocuments {
	/// The protocol document's hash.
	pub protocol_hash: H256,
	/// The statistical analysis plan's hash.
	pub analysis_plan_hash: H256,
	/// The participant information and consent form's hash.
	pub consent_form_hash: H256,
	/// The root of the outcome leaves (`medchain_primitives::outcome_leaf`), built with the
	/// batch tool's Merkle scheme.
	pub outcomes_root: H256,
	/// How many outcome leaves the root holds (1 to `MaxOutcomes`).
	pub outcome_count: u32,
}

/// A protocol version as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct VersionRecord<AccountId> {
	/// What it commits.
	pub documents: ProtocolDocuments,
	/// Why it was made: `None` for version 0.
	pub reason: Option<AmendmentReason>,
	/// Whether its outcomes differ from the previous version's (computed by the chain).
	pub changes_outcomes: bool,
	/// Whether participants consented to earlier versions must consent again.
	pub needs_reconsent: bool,
	/// Where the trial stood when it was committed (computed by the chain).
	pub phase: TrialPhase,
	/// When it was committed (timestamp, ms).
	pub committed_at: Moment,
	/// Who committed it.
	pub committed_by: AccountId,
	/// The ethics committee that approved it, and when.
	pub approval: Option<(OrgId, Moment)>,
}

/// A data commitment as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct DataCommitment {
	/// What was committed.
	pub kind: DataKind,
	/// The dataset's Merkle root.
	pub root: H256,
	/// How many leaves it holds.
	pub leaf_count: u32,
	/// When (timestamp, ms).
	pub at: Moment,
	/// Where the trial stood then.
	pub phase: TrialPhase,
}

/// A trial's posted results.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct PostedResults {
	/// The results document's hash.
	pub results_hash: H256,
	/// The Merkle root over the per-outcome results.
	pub results_root: H256,
	/// The protocol version whose statistical analysis plan they follow.
	pub analysis_plan_version: ProtocolVersion,
	/// When they were posted (timestamp, ms).
	pub posted_at: Moment,
	/// Where the trial stood then.
	pub phase: TrialPhase,
}

/// A registered trial.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxIds, MaxIdLen))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct Trial<AccountId: Clone + PartialEq + Eq + Debug, MaxIds: Get<u32>, MaxIdLen: Get<u32>> {
	/// The sponsoring organisation (Manufacturer, Research or Hospital).
	pub sponsor_org: OrgId,
	/// Who registered it.
	pub registered_by: AccountId,
	/// Its ids in registries, sorted.
	pub registry_ids: BoundedVec<RegistryId<MaxIdLen>, MaxIds>,
	/// The title's hash.
	pub title_hash: H256,
	/// When the chain registered it (timestamp, ms): the registration date.
	pub registered_at: Moment,
	/// The start of enrolment the sponsor declared at registration (before it), if enrolment
	/// had begun off chain. Set once, never moved.
	pub declared_start: Option<Moment>,
	/// The first enrolment: the declared start, or the time the chain recorded the first
	/// enrolment by a site.
	pub first_enrolment: Option<Moment>,
	/// Number of protocol versions (the current one is `versions - 1`).
	pub versions: u32,
	/// The first version whose participants need no new consent: consents to earlier
	/// versions must be given again before enrolment.
	pub reconsent_from: ProtocolVersion,
	/// Number of activated sites.
	pub sites: u32,
	/// Number of participants recorded (consented at least once).
	pub participants: u32,
	/// Number of participants enrolled, withdrawn ones included: the actual enrolment.
	pub enrolled: u32,
	/// Number of data commitments.
	pub commitments: u32,
	/// Number of history entries.
	pub history: u32,
	/// Number of status changes (at most `MaxHistory` less the entries kept for everything
	/// else a trial records).
	pub status_changes: u32,
	/// The database lock: its root and when.
	pub database_lock: Option<(H256, Moment)>,
	/// When the allocation was unblinded.
	pub unblinded_at: Option<Moment>,
	/// The results.
	pub results: Option<PostedResults>,
	/// The recruitment status.
	pub status: RecruitmentStatus,
	/// While the trial is suspended, terminated or withdrawn: why (the reason's hash), since
	/// when, and where it stood then. Cleared when a suspended trial resumes; every reason
	/// ever given stays in the history.
	pub why_stopped: Option<(H256, Moment, TrialPhase)>,
}

/// A participant as stored.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Participant<AccountId> {
	/// The site that recorded them.
	pub site: OrgId,
	/// The site's practitioner who first recorded them (and holds the deposit).
	pub recorded_by: AccountId,
	/// The protocol version of their latest consent.
	pub consented_version: ProtocolVersion,
	/// The sr25519 public key of the participant's own withdrawal (derived by the patient's
	/// app; `withdraw` checks its signature of `medchain_primitives::withdrawal_message`), if
	/// the site recorded one. Once recorded it is kept: no site can replace it.
	pub withdrawal_key: Option<[u8; 32]>,
	/// When their first consent was recorded.
	pub consented_at: Moment,
	/// When they were enrolled.
	pub enrolled_at: Option<Moment>,
	/// Their withdrawal: how far, and since when.
	pub withdrawn: Option<(WithdrawalScope, Moment)>,
}
