//! A test runtime with the records pallet, balances (for deposits) and a clock. The patient
//! registry and the consortium directory are the test kit's (`medchain_primitives::mock`); the
//! consent check is this pallet's own stand-in, [`MockConsent`], which asks the kit whether the
//! patient is active and how the accessor stands.

use crate as pallet_records;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, ConstU64},
};
use medchain_primitives::{
	mock::{self, consortium, patients, TestConsortium, TestPatients},
	AccessDecision, Action, ConsentCheck, ConsentId, ConsortiumDirectory, DataCategory, DenyReason,
	GuardianScope, Moment, OrgId, OrgKind, PatientDirectory, PatientId, PractitionerRole,
	PractitionerStanding, Purpose,
};
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Records = pallet_records;
	#[runtime::pallet_index(3)]
	pub type Balances = pallet_balances;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

/// Bounds of the test runtime.
pub const MAX_POINTER: u32 = 64;
pub const MAX_ENVELOPE: u32 = 32;
pub const MAX_ENVELOPES: u32 = 2;
pub const MAX_LOG_PER_ACCESSOR: u32 = 3;
pub const MAX_PRUNE: u32 = 2;
pub const MAX_READS_PER_BATCH: u32 = 4;
/// Most envelopes a revocation removes in the revoking call, and one purge call.
pub const MAX_REMOVED_ON_REVOKE: u32 = 2;
pub const MAX_PURGED: u32 = 3;

/// The deposit per item and per byte of the test runtime.
pub const DEPOSIT_PER_ITEM: u64 = 1_000;
pub const DEPOSIT_PER_BYTE: u64 = 10;
/// The existential deposit (pallet-balances' test default).
pub const ED: u64 = 1;
/// What every test account except [`POOR`] starts with.
pub const ENDOWMENT: u64 = 1_000_000_000;

parameter_types! {
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Records(pallet_records::HoldReason::StorageDeposit);
}

/// The deposit of `items` items of `bytes` bytes in total.
#[allow(clippy::arithmetic_side_effects)] // a test's overflow should fail it
pub fn deposit_of(items: u64, bytes: u64) -> u64 {
	items * DEPOSIT_PER_ITEM + bytes * DEPOSIT_PER_BYTE
}

impl pallet_records::Config for Test {
	type Patients = TestPatients<Timestamp>;
	type Directory = TestConsortium<Timestamp>;
	type Consent = MockConsent;
	type Time = Timestamp;
	type MaxPointerLen = ConstU32<MAX_POINTER>;
	type MaxEnvelopeLen = ConstU32<MAX_ENVELOPE>;
	type MaxEnvelopesPerRecord = ConstU32<MAX_ENVELOPES>;
	type MaxLogEntriesPerAccessor = ConstU32<MAX_LOG_PER_ACCESSOR>;
	type MaxPrunePerCall = ConstU32<MAX_PRUNE>;
	type MaxReadsPerBatch = ConstU32<MAX_READS_PER_BATCH>;
	type MaxEnvelopesRemovedOnRevoke = ConstU32<MAX_REMOVED_ON_REVOKE>;
	type MaxEnvelopesPurgedPerCall = ConstU32<MAX_PURGED>;
	type Deposit = HoldConsideration<
		u64,
		Balances,
		DepositReason,
		medchain_primitives::deposit::PerItemAndByte<
			ConstU64<DEPOSIT_PER_ITEM>,
			ConstU64<DEPOSIT_PER_BYTE>,
			u64,
		>,
	>;
	type WeightInfo = ();
}

/// The patient's side of [`PATIENT`].
pub const CONTROLLER: u64 = 1;
pub const FULL_GUARDIAN: u64 = 2;
pub const READ_GUARDIAN: u64 = 3;
pub const CONSENT_GUARDIAN: u64 = 4;
pub const STRANGER: u64 = 99;
/// Practitioners: two of the hospital, one of the clinic.
pub const PHYSICIAN: u64 = 10;
pub const NURSE: u64 = 11;
pub const CLINIC_PHYSICIAN: u64 = 20;
/// A hospital physician with nothing but the existential deposit: it cannot hold a deposit.
pub const POOR: u64 = 30;
/// The organisations and their admins.
pub const HOSPITAL: OrgId = 0;
pub const CLINIC: OrgId = 1;
pub const HOSPITAL_ADMIN: u64 = 40;
pub const CLINIC_ADMIN: u64 = 41;

/// The clock at genesis, in ms.
pub const GENESIS_TIME: u64 = 1_000_000;
/// The test patient.
pub const PATIENT: PatientId = PatientId::repeat_byte(1);

type Patients = TestPatients<Timestamp>;
type Directory = TestConsortium<Timestamp>;

thread_local! {
	static ORG_DECISIONS: RefCell<BTreeMap<(OrgId, Action, DataCategory, Purpose), AccessDecision>> =
		const { RefCell::new(BTreeMap::new()) };
	static ISSUED: RefCell<std::collections::BTreeSet<ConsentId>> =
		const { RefCell::new(std::collections::BTreeSet::new()) };
	static NOT_CURRENT: RefCell<std::collections::BTreeSet<ConsentId>> =
		const { RefCell::new(std::collections::BTreeSet::new()) };
	static DECISIONS: RefCell<BTreeMap<(u64, Action, DataCategory, Purpose), AccessDecision>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The consent check's stand-in. Like the Consent pallet, it refuses for an inactive patient
/// (`PatientInactive`) and for an accessor who is no active practitioner, as the kit's
/// directory says it stands (`NotAPractitioner`, `PractitionerExpired`,
/// `OrganizationInactive`); for an active practitioner it answers what the test set with
/// [`decide`], and `NoConsent` otherwise.
pub struct MockConsent;

impl ConsentCheck<u64> for MockConsent {
	fn check_access(
		patient: &PatientId,
		accessor: &u64,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		Self::check_access_with_org(patient, accessor, action, category, purpose).0
	}

	fn check_access_with_org(
		patient: &PatientId,
		accessor: &u64,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> (AccessDecision, Option<OrgId>) {
		let deny = |reason| (AccessDecision::Deny { reason }, None);
		if !Patients::is_active(patient) {
			return deny(DenyReason::PatientInactive);
		}
		let info = match Directory::practitioner_standing(accessor) {
			PractitionerStanding::Active(info) => info,
			PractitionerStanding::ValidityEnded => return deny(DenyReason::PractitionerExpired),
			PractitionerStanding::OrganizationInactive => {
				return deny(DenyReason::OrganizationInactive)
			}
			PractitionerStanding::Unknown => return deny(DenyReason::NotAPractitioner),
		};
		let decision = DECISIONS
			.with(|d| d.borrow().get(&(*accessor, action, category, purpose)).copied())
			.unwrap_or(AccessDecision::Deny { reason: DenyReason::NoConsent });
		(decision, Some(info.org))
	}

	fn check_org_access(
		patient: &PatientId,
		org: OrgId,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) -> AccessDecision {
		if !Patients::is_active(patient) {
			return AccessDecision::Deny { reason: DenyReason::PatientInactive };
		}
		if Directory::active_organization(org).is_none() {
			return AccessDecision::Deny { reason: DenyReason::OrganizationInactive };
		}
		ORG_DECISIONS
			.with(|d| d.borrow().get(&(org, action, category, purpose)).copied())
			.unwrap_or(AccessDecision::Deny { reason: DenyReason::NoConsent })
	}

	/// A consent the test made permit something ([`decide`]) and did not end ([`revoke`],
	/// [`expire`]); an id never decided is no consent.
	fn consent_current(consent: ConsentId) -> bool {
		ISSUED.with(|n| n.borrow().contains(&consent))
			&& NOT_CURRENT.with(|n| !n.borrow().contains(&consent))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_permit(
		_patient: &PatientId,
		accessor: &u64,
		action: Action,
		category: DataCategory,
		purpose: Purpose,
	) {
		decide(*accessor, action, category, purpose, AccessDecision::Permit { consent: 0 });
	}
}

/// Makes the consent check answer `decision` for this access by an active practitioner (a
/// consent granted, revoked, expired, …). How the patient and the practitioner stand is the
/// kit's to say: set it up through `mock::patients` and `mock::consortium`, never here.
pub fn decide(
	who: u64,
	action: Action,
	category: DataCategory,
	purpose: Purpose,
	decision: AccessDecision,
) {
	assert!(
		!matches!(
			decision,
			AccessDecision::Deny {
				reason: DenyReason::PatientInactive
					| DenyReason::NotAPractitioner
					| DenyReason::PractitionerExpired
					| DenyReason::OrganizationInactive
			}
		),
		"the kit decides how the patient and the practitioner stand: {decision:?}"
	);
	if let AccessDecision::Permit { consent } = decision {
		ISSUED.with(|n| n.borrow_mut().insert(consent));
	}
	DECISIONS.with(|d| d.borrow_mut().insert((who, action, category, purpose), decision));
}

/// Makes the organisation-level check (a service of `org`) answer `decision` for this access.
pub fn decide_for_org(
	org: OrgId,
	action: Action,
	category: DataCategory,
	purpose: Purpose,
	decision: AccessDecision,
) {
	if let AccessDecision::Permit { consent } = decision {
		ISSUED.with(|n| n.borrow_mut().insert(consent));
	}
	ORG_DECISIONS.with(|d| d.borrow_mut().insert((org, action, category, purpose), decision));
}

/// Revokes `consent` of `patient` as the Consent pallet does: from now on it is not current
/// and permits nothing (every access it decided is answered `NoConsent`), and the revocation
/// hook runs. Returns how many envelopes the hook removed.
pub fn revoke(patient: &PatientId, consent: ConsentId) -> u32 {
	end(consent, DenyReason::NoConsent);
	<Records as medchain_primitives::OnConsentRevoked>::on_consent_revoked(patient, consent)
}

/// Ends `consent` without a revocation (its window closed): not current, permitting nothing
/// (answered `Expired`), and no hook runs.
pub fn expire(consent: ConsentId) {
	end(consent, DenyReason::Expired);
}

fn end(consent: ConsentId, reason: DenyReason) {
	NOT_CURRENT.with(|n| n.borrow_mut().insert(consent));
	let deny = |decision: &mut AccessDecision| {
		if *decision == (AccessDecision::Permit { consent }) {
			*decision = AccessDecision::Deny { reason };
		}
	};
	DECISIONS.with(|d| d.borrow_mut().values_mut().for_each(deny));
	ORG_DECISIONS.with(|d| d.borrow_mut().values_mut().for_each(deny));
}

/// Deactivates the test patient (for good; its controller may still erase its records).
pub fn deactivate_patient() {
	patients::deactivate(&PATIENT);
}

/// Ends the guardianship of `who` over the test patient (`remove_guardian`).
pub fn end_guardianship(who: u64) {
	patients::remove_guardian(&PATIENT, who);
}

/// Moves the clock to `now` (ms).
pub fn set_now(now: Moment) {
	pallet_timestamp::Now::<Test>::put(now);
}

/// Every account the tests sign with, endowed with [`ENDOWMENT`] ([`POOR`] with [`ED`] only).
pub const ENDOWED: [u64; 10] = [
	HOSPITAL_ADMIN,
	CLINIC_ADMIN,
	CONTROLLER,
	FULL_GUARDIAN,
	READ_GUARDIAN,
	CONSENT_GUARDIAN,
	STRANGER,
	PHYSICIAN,
	NURSE,
	CLINIC_PHYSICIAN,
];

/// Builds a test externality: block 1, the clock at [`GENESIS_TIME`], the test accounts
/// endowed, and through the kit:
/// - the active [`HOSPITAL`] (admin [`HOSPITAL_ADMIN`]) with [`PHYSICIAN`], [`NURSE`] and
///   [`POOR`], and the active [`CLINIC`] (admin [`CLINIC_ADMIN`]) with [`CLINIC_PHYSICIAN`];
/// - the active [`PATIENT`], controlled by [`CONTROLLER`], with a `Full` ([`FULL_GUARDIAN`]),
///   a `ReadOnly` ([`READ_GUARDIAN`]) and a `ConsentOnly` ([`CONSENT_GUARDIAN`]) guardian;
/// - the patients added with [`Self::with_patient`].
///
/// The consent check answers `NoConsent` until a test [`decide`]s otherwise.
pub struct ExtBuilder {
	balances: BTreeMap<u64, u64>,
	patients: Vec<(PatientId, u64)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: ENDOWED.iter().map(|who| (*who, ENDOWMENT)).chain([(POOR, ED)]).collect(),
			patients: Vec::new(),
		}
	}
}

impl ExtBuilder {
	/// `who` starts with `amount` (instead of [`ENDOWMENT`]).
	#[must_use]
	pub fn with_balance(mut self, who: u64, amount: u64) -> Self {
		self.balances.insert(who, amount);
		self
	}

	/// Registers another active patient, `patient`, controlled by `controller` alone.
	#[must_use]
	pub fn with_patient(mut self, patient: PatientId, controller: u64) -> Self {
		self.patients.push((patient, controller));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		mock::reset();
		DECISIONS.with(|d| d.borrow_mut().clear());
		NOT_CURRENT.with(|n| n.borrow_mut().clear());
		ISSUED.with(|n| n.borrow_mut().clear());
		ORG_DECISIONS.with(|d| d.borrow_mut().clear());
		consortium::add_organization(HOSPITAL, OrgKind::Hospital, HOSPITAL_ADMIN);
		consortium::add_organization(CLINIC, OrgKind::Clinic, CLINIC_ADMIN);
		consortium::add_practitioner(PHYSICIAN, HOSPITAL, PractitionerRole::Physician);
		consortium::add_practitioner(NURSE, HOSPITAL, PractitionerRole::Nurse);
		consortium::add_practitioner(POOR, HOSPITAL, PractitionerRole::Physician);
		consortium::add_practitioner(CLINIC_PHYSICIAN, CLINIC, PractitionerRole::Physician);
		patients::register(PATIENT, CONTROLLER);
		patients::appoint_guardian(&PATIENT, FULL_GUARDIAN, GuardianScope::Full, None);
		patients::appoint_guardian(&PATIENT, READ_GUARDIAN, GuardianScope::ReadOnly, None);
		patients::appoint_guardian(&PATIENT, CONSENT_GUARDIAN, GuardianScope::ConsentOnly, None);
		for (patient, controller) in self.patients {
			patients::register(patient, controller);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: self.balances.into_iter().collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			set_now(GENESIS_TIME);
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants, and that every deposit ledger counts
	/// exactly what its account keeps (every item of a test is stored with deposits in place).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			crate::Pallet::<Test>::do_try_state().expect("invariants hold after the test");
			crate::Pallet::<Test>::deposits_match_kept_items()
				.expect("deposits match the items kept after the test");
		})
	}
}

/// The last event of the records pallet.
pub fn last_event() -> pallet_records::Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Records(e) => Some(e),
			_ => None,
		})
		.next_back()
		.expect("an event was emitted")
}
