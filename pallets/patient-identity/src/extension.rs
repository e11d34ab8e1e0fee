//! The transaction extension that lets a patient's representatives act without fees, within the
//! patient's free-call allowance.

use super::*;
use codec::Encode;
use frame_support::dispatch::DispatchInfo;
use scale_info::StaticTypeInfo;
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication,
		PostDispatchInfoOf, TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
	},
	DispatchResult,
};

/// `InvalidTransaction::Custom` code of a patient call refused because the patient's free-call
/// allowance for the period is used up and the sender cannot pay the fee either. The pallet
/// exposes it as the constant `FreeCallsExhaustedCode`.
pub const FREE_CALLS_EXHAUSTED: u8 = 21;

/// Wraps the fee-charging extension `S` (in the Medchain runtime, `ChargeTransactionPayment`).
///
/// A call that [`Config::PatientCalls`] names as acting for a patient, signed by one of that
/// patient's controllers, is free while the patient's allowance lasts:
/// one free call is counted (in `prepare`, so it counts even if the call then fails) and `S` is
/// skipped. Every other transaction goes through `S` unchanged. Past the allowance the sender
/// pays like anyone else; a sender that cannot pay is refused with
/// `InvalidTransaction::Custom(`[`FREE_CALLS_EXHAUSTED`]`)` instead of a generic payment error.
///
/// The extension is invisible to wallets: it encodes, identifies itself and describes its type
/// exactly as `S` does.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct PatientFeeWaiver<T, S>(pub S, core::marker::PhantomData<T>);

impl<T, S> PatientFeeWaiver<T, S> {
	/// Wraps `inner`.
	pub fn new(inner: S) -> Self {
		Self(inner, core::marker::PhantomData)
	}
}

impl<T, S> From<S> for PatientFeeWaiver<T, S> {
	fn from(inner: S) -> Self {
		Self::new(inner)
	}
}

impl<T, S: StaticTypeInfo> TypeInfo for PatientFeeWaiver<T, S> {
	type Identity = S;
	fn type_info() -> scale_info::Type {
		S::type_info()
	}
}

impl<T, S: Debug> Debug for PatientFeeWaiver<T, S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "PatientFeeWaiver({:?})", self.0)
	}
}

/// What `validate` decided.
pub enum Decision<AccountId, Inner> {
	/// Free: one of `patient`'s free calls, sent by `who`; `skipped` is the weight of the
	/// wrapped extension, refunded after dispatch since it never ran.
	Free { patient: PatientId, who: AccountId, skipped: Weight },
	/// The wrapped extension applies.
	Charge(Inner),
}

impl<T, S> TransactionExtension<T::RuntimeCall> for PatientFeeWaiver<T, S>
where
	T: Config + Send + Sync,
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	DispatchOriginOf<T::RuntimeCall>: AsSystemOriginSigner<T::AccountId> + Clone,
	S: TransactionExtension<T::RuntimeCall>,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = Decision<T::AccountId, S::Val>;
	type Pre = Decision<T::AccountId, S::Pre>;

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn metadata() -> Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		S::metadata()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		// A call that is never free costs the check nothing: `validate` matches it and moves on.
		T::PatientCalls::lookup_weight(call)
			.map_or(Weight::zero(), |lookup| T::WeightInfo::use_free_call().saturating_add(lookup))
			.saturating_add(self.0.weight(call))
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: S::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		let free = match (T::PatientCalls::patient_of(call), origin.as_system_origin_signer()) {
			(Some(patient), Some(who)) => {
				Some((patient, who.clone(), Pallet::<T>::check_free_call(&patient, who)))
			}
			_ => None,
		};
		match free {
			Some((patient, who, Ok(()))) => Ok((
				ValidTransaction::default(),
				Decision::Free { patient, who, skipped: self.0.weight(call) },
				origin,
			)),
			Some((_, _, Err(FreeCallRefusal::Exhausted))) => self
				.0
				.validate(origin, call, info, len, self_implicit, inherited_implication, source)
				.map(|(valid, val, origin)| (valid, Decision::Charge(val), origin))
				.map_err(|e| match e {
					TransactionValidityError::Invalid(InvalidTransaction::Payment) => {
						InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into()
					}
					other => other,
				}),
			_ => self
				.0
				.validate(origin, call, info, len, self_implicit, inherited_implication, source)
				.map(|(valid, val, origin)| (valid, Decision::Charge(val), origin)),
		}
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		match val {
			Decision::Free { patient, who, skipped } => {
				match Pallet::<T>::use_free_call(&patient, &who) {
					Ok(()) => Ok(Decision::Free { patient, who, skipped }),
					// Validated in an earlier state (e.g. before other calls of this block used the
					// allowance up): the transaction is dropped, never included for free.
					Err(FreeCallRefusal::Exhausted) => {
						Err(InvalidTransaction::Custom(FREE_CALLS_EXHAUSTED).into())
					}
					Err(FreeCallRefusal::NotController) => Err(InvalidTransaction::Payment.into()),
				}
			}
			Decision::Charge(val) => {
				self.0.prepare(val, origin, call, info, len).map(Decision::Charge)
			}
		}
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		match pre {
			Decision::Free { skipped, .. } => Ok(skipped),
			Decision::Charge(pre) => S::post_dispatch_details(pre, info, post_info, len, result),
		}
	}
}
