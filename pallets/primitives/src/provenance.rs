//! Drug provenance codes: GS1 identifiers with their validation, custody, unit outcomes, and the
//! `ProvenanceApi` runtime API.

use super::*;
use alloc::vec::Vec;
use sp_core::ConstU32;
use sp_runtime::BoundedVec;

/// A GTIN-14, as its 14 ASCII digits.
pub type Gtin = [u8; 14];
/// An SSCC-18 (a logistic unit: a case or a pallet), as its 18 ASCII digits.
pub type Sscc = [u8; 18];
/// A serial number (GS1 AI 21): 1 to 20 characters of the GS1 AI encodable set 82.
pub type Serial = BoundedVec<u8, ConstU32<20>>;
/// A batch or lot number (GS1 AI 10): 1 to 20 characters of the GS1 AI encodable set 82.
pub type Lot = BoundedVec<u8, ConstU32<20>>;
/// An expiry date (GS1 AI 17) as its six ASCII digits `YYMMDD`; day `00` is the month's last day.
pub type Expiry = [u8; 6];

/// Why a GS1 identifier is not valid.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Gs1Error {
	/// A GTIN is not 14 digits.
	GtinFormat,
	/// A GTIN's check digit is wrong.
	GtinCheckDigit,
	/// An SSCC is not 18 digits.
	SsccFormat,
	/// An SSCC's check digit is wrong.
	SsccCheckDigit,
	/// A serial is empty, longer than 20, or has a character outside the GS1 set 82.
	SerialFormat,
	/// A lot is empty, longer than 20, or has a character outside the GS1 set 82.
	LotFormat,
	/// An expiry is not six digits.
	ExpiryFormat,
	/// An expiry's month is not 01 to 12, or its day does not exist in that month.
	ExpiryDate,
}

/// GS1 identifier validation (GS1 General Specifications: check digits §7.9, AI 10/21 character
/// set 82 §7.11, AI 17 dates §7.12).
pub mod gs1 {
	use super::*;

	/// Whether `byte` belongs to the GS1 AI encodable character set 82.
	pub fn is_cset82(byte: u8) -> bool {
		matches!(byte,
			b'!' | b'"' | b'%' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b'-' | b'.' | b'/' |
			b'0'..=b'9' | b':' | b';' | b'<' | b'=' | b'>' | b'?' | b'A'..=b'Z' | b'_' | b'a'..=b'z')
	}

	/// The GS1 mod-10 check digit of `digits` (all but the check digit), weights 3 and 1
	/// alternating from the right.
	pub fn check_digit(digits: &[u8]) -> u8 {
		let sum = digits.iter().rev().enumerate().fold(0u32, |acc, (i, d)| {
			let weight = if i & 1 == 0 { 3 } else { 1 };
			acc.saturating_add(u32::from(d.saturating_sub(b'0')).saturating_mul(weight))
		});
		let rest = sum.checked_rem(10).unwrap_or(0);
		10u32.saturating_sub(rest).checked_rem(10).unwrap_or(0) as u8
	}

	fn digits_with_check<const N: usize>(input: &[u8]) -> Option<Result<[u8; N], ()>> {
		let code: [u8; N] = input.try_into().ok()?;
		if !code.iter().all(u8::is_ascii_digit) {
			return None;
		}
		let (body, last) = code.split_at(N.saturating_sub(1));
		let ok = last.first().map(|d| d.saturating_sub(b'0')) == Some(check_digit(body));
		Some(if ok { Ok(code) } else { Err(()) })
	}

	/// A GTIN-14, or why not.
	pub fn gtin(input: &[u8]) -> Result<Gtin, Gs1Error> {
		match digits_with_check::<14>(input) {
			None => Err(Gs1Error::GtinFormat),
			Some(Err(())) => Err(Gs1Error::GtinCheckDigit),
			Some(Ok(code)) => Ok(code),
		}
	}

	/// An SSCC-18, or why not.
	pub fn sscc(input: &[u8]) -> Result<Sscc, Gs1Error> {
		match digits_with_check::<18>(input) {
			None => Err(Gs1Error::SsccFormat),
			Some(Err(())) => Err(Gs1Error::SsccCheckDigit),
			Some(Ok(code)) => Ok(code),
		}
	}

	fn cset82_text(input: &[u8]) -> Option<BoundedVec<u8, ConstU32<20>>> {
		(!input.is_empty() && input.iter().copied().all(is_cset82))
			.then(|| BoundedVec::try_from(input.to_vec()).ok())
			.flatten()
	}

	/// A serial (AI 21), or why not.
	pub fn serial(input: &[u8]) -> Result<Serial, Gs1Error> {
		cset82_text(input).ok_or(Gs1Error::SerialFormat)
	}

	/// A lot (AI 10), or why not.
	pub fn lot(input: &[u8]) -> Result<Lot, Gs1Error> {
		cset82_text(input).ok_or(Gs1Error::LotFormat)
	}

	fn two_digits(pair: &[u8]) -> Option<u32> {
		match pair {
			[a, b] if a.is_ascii_digit() && b.is_ascii_digit() => Some(
				u32::from(a.saturating_sub(b'0'))
					.saturating_mul(10)
					.saturating_add(u32::from(b.saturating_sub(b'0'))),
			),
			_ => None,
		}
	}

	fn days_in_month(year: u32, month: u32) -> u32 {
		let leap =
			(year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
		match month {
			2 if leap => 29,
			2 => 28,
			4 | 6 | 9 | 11 => 30,
			_ => 31,
		}
	}

	/// Days since 1970-01-01 of a civil date (proleptic Gregorian). Callers pass a year of
	/// 2000–2099, a month of 1–12 and a day of 1–31, so every intermediate value stays below
	/// 10^6 and no operation can overflow.
	#[allow(clippy::arithmetic_side_effects)]
	fn days_from_civil(year: u32, month: u32, day: u32) -> i64 {
		let y = i64::from(year) - i64::from(month <= 2);
		let era = y.div_euclid(400);
		let yoe = y - era * 400;
		let m = i64::from(month);
		let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
		let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		era * 146_097 + doe - 719_468
	}

	/// An expiry (AI 17) and the moment it ends (ms since the Unix epoch: the start of the day
	/// after the expiry date, UTC), or why not. Years are 2000 + YY.
	pub fn expiry(input: &[u8]) -> Result<(Expiry, Moment), Gs1Error> {
		let code: Expiry = input.try_into().map_err(|_| Gs1Error::ExpiryFormat)?;
		let (yy, rest) = code.split_at(2);
		let (mm, dd) = rest.split_at(2);
		let (Some(yy), Some(month), Some(day)) = (two_digits(yy), two_digits(mm), two_digits(dd))
		else {
			return Err(Gs1Error::ExpiryFormat);
		};
		let year = yy.saturating_add(2000);
		if !(1..=12).contains(&month) {
			return Err(Gs1Error::ExpiryDate);
		}
		let last = days_in_month(year, month);
		let day = if day == 0 { last } else { day };
		if day > last {
			return Err(Gs1Error::ExpiryDate);
		}
		let end_day = days_from_civil(year, month, day).saturating_add(1);
		Ok((code, u64::try_from(end_day).unwrap_or(0).saturating_mul(time::DAY)))
	}
}

/// A unit or a container, in a call or a shipment.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Item {
	/// A serialized unit (a pack).
	Unit {
		/// Its GTIN-14.
		gtin: Gtin,
		/// Its serial.
		serial: Serial,
	},
	/// A container (case or pallet) and everything in it.
	Container(Sscc),
}

/// Where goods are.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Custody {
	/// In an organisation's stock.
	Held(OrgId),
	/// On the way, in this shipment: in nobody's stock.
	InTransit(ShipmentId),
}

/// Why a unit was taken out of the supply chain.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DecommissionReason {
	/// Destroyed.
	Destroyed,
	/// Damaged.
	Damaged,
	/// Past its expiry.
	Expired,
	/// Stolen.
	Stolen,
	/// Used as a sample.
	Sample,
}

/// A unit's own status.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum UnitStatus {
	/// In the supply chain.
	Active,
	/// Quarantined after a suspect-product report, until resolved.
	Suspect,
	/// Found illegitimate (terminal).
	Illegitimate,
	/// Dispensed to a patient (terminal).
	Dispensed,
	/// Taken out of the supply chain (terminal).
	Decommissioned(DecommissionReason),
}

/// The one answer a pharmacist scanning a pack gets, the most serious first.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum UnitVerification {
	/// Found illegitimate: do not dispense; quarantine and report.
	Illegitimate,
	/// Its lot is recalled.
	Recalled,
	/// Quarantined under a suspect-product investigation.
	Suspect,
	/// No unit with this GTIN and serial was commissioned (or the code is malformed).
	UnknownSerial,
	/// The serial exists, but with another lot.
	LotMismatch,
	/// The serial exists, but with another expiry.
	ExpiryMismatch,
	/// Already dispensed.
	Dispensed,
	/// Taken out of the supply chain.
	Decommissioned,
	/// Past its expiry date.
	Expired,
	/// Genuine and saleable.
	Genuine {
		/// Who holds it, or the shipment it is in.
		holder: Custody,
		/// Its status.
		status: UnitStatus,
	},
}

/// One step of a unit's or container's history (EPCIS: ObjectEvent, AggregationEvent,
/// TransactionEvent).
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Movement {
	/// Commissioned (units) or first packed (containers) by this organisation.
	Commissioned {
		/// The organisation.
		org: OrgId,
	},
	/// Put into a container.
	Packed {
		/// The container.
		into: Sscc,
	},
	/// Taken out of an opened container (on its first own move).
	Unpacked {
		/// The container.
		from: Sscc,
	},
	/// The container was opened; what it held is loose at its holder.
	Opened,
	/// Shipped.
	Shipped {
		/// The shipment.
		shipment: ShipmentId,
		/// From.
		from: OrgId,
		/// To.
		to: OrgId,
	},
	/// Received.
	Received {
		/// The shipment.
		shipment: ShipmentId,
		/// By.
		by: OrgId,
	},
	/// Dispensed by this organisation.
	Dispensed {
		/// The dispenser.
		by: OrgId,
	},
	/// Decommissioned.
	Decommissioned {
		/// Why.
		reason: DecommissionReason,
	},
	/// Reported suspect by this organisation.
	ReportedSuspect {
		/// The reporter.
		by: OrgId,
	},
	/// Suspect report resolved.
	Resolved {
		/// Whether it was found illegitimate.
		illegitimate: bool,
	},
	/// Back in its sender's stock: the shipment was cancelled by its sender before receipt.
	ShipmentCancelled {
		/// The shipment.
		shipment: ShipmentId,
		/// The sender, who holds it again.
		by: OrgId,
	},
	/// Back in its sender's stock: the destination refused the shipment.
	ShipmentRefused {
		/// The shipment.
		shipment: ShipmentId,
		/// The destination that refused it.
		by: OrgId,
	},
}

/// One entry of a trace.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct TraceStep {
	/// What happened.
	pub movement: Movement,
	/// When (timestamp, ms).
	pub at: Moment,
	/// The container it happened to, when the unit moved inside one.
	pub via: Option<Sscc>,
}

/// The most steps one page of a trace holds, whatever `limit` asks.
pub const MAX_TRACE_PAGE: u32 = 100;

/// The most nesting levels a trace cursor records: the unit and the containers around it. A
/// runtime's `MaxDepth` (containers in containers) must be below it.
pub const MAX_TRACE_LEVELS: u32 = 16;

/// Where a trace continues: the unit it belongs to and, per nesting level, a position in a
/// history.
///
/// `levels[0]` is in the unit's history, `levels[1]` in the history of the container the unit
/// was packed into, and so on. Every level but the last holds the sequence number of the
/// `Packed` entry whose container the next level walks; the last holds the sequence number of
/// the next entry to read. Resuming re-reads one entry per level and walks on from there, so no
/// step is read twice. Take it from [`TracePage::next`]; a cursor for another unit, or one that
/// does not point at `Packed` entries, gives an empty page.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct TraceCursor {
	/// The unit's GTIN-14.
	pub gtin: Gtin,
	/// The unit's serial.
	pub serial: Serial,
	/// A history position per nesting level, the unit's first.
	pub levels: BoundedVec<u32, ConstU32<MAX_TRACE_LEVELS>>,
}

/// One page of a unit's custody chain.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct TracePage {
	/// The next steps of the chain, in order: at most the `limit` asked for, and at most
	/// [`MAX_TRACE_PAGE`].
	pub steps: Vec<TraceStep>,
	/// Where the chain continues; `None` when `steps` reach its end (so far). A page may hold
	/// fewer steps than asked for and still continue: only `next` says the chain is complete.
	pub next: Option<TraceCursor>,
}

sp_api::decl_runtime_apis! {
	/// Provenance questions for pharmacists, regulators and integrators.
	///
	/// Version 2 pages the trace: `cursor` is `None` for the start and the previous page's
	/// `next` after that; `limit` is the most steps wanted. A page holds at most
	/// [`MAX_TRACE_PAGE`] steps whatever `limit` asks, and reads the entries it returns and a
	/// constant more (bounded by the runtime's container nesting depth).
	#[api_version(2)]
	pub trait ProvenanceApi {
		/// The one answer for a scanned pack (GTIN, serial, lot, expiry as printed), the most
		/// serious outcome first.
		fn verify_unit(gtin: Vec<u8>, serial: Vec<u8>, lot: Vec<u8>, expiry: Vec<u8>) -> UnitVerification;

		/// One page of the unit's custody chain from commissioning to now, container moves
		/// included, from `cursor` on.
		fn trace(gtin: Vec<u8>, serial: Vec<u8>, cursor: Option<TraceCursor>, limit: u32) -> TracePage;

		/// The unit's whole custody chain, unpaged (version 1).
		#[changed_in(2)]
		fn trace(gtin: Vec<u8>, serial: Vec<u8>) -> Vec<TraceStep>;
	}
}

#[cfg(test)]
mod tests {
	use super::gs1::*;
	use super::*;

	#[test]
	fn real_gtins_and_ssccs_validate() {
		// GS1's own examples: GTIN 0 0614141 12345 2 (as GTIN-14: 00614141123452) and
		// SSCC 0 0614141 123456789 0 (106141411234567897 with extension digit 1).
		assert!(gtin(b"00614141123452").is_ok());
		assert!(gtin(b"10614141123459").is_ok());
		assert_eq!(gtin(b"00614141123453"), Err(Gs1Error::GtinCheckDigit));
		assert_eq!(gtin(b"0061414112345"), Err(Gs1Error::GtinFormat));
		assert_eq!(gtin(b"0061414112345A"), Err(Gs1Error::GtinFormat));
		assert!(sscc(b"106141411234567897").is_ok());
		assert!(sscc(b"006141411234567890").is_ok());
		assert_eq!(sscc(b"106141411234567898"), Err(Gs1Error::SsccCheckDigit));
		assert_eq!(sscc(b"10614141123456789"), Err(Gs1Error::SsccFormat));
	}

	#[test]
	fn serials_and_lots_use_cset82() {
		assert!(serial(b"ABC-123/x.y").is_ok());
		assert_eq!(serial(b""), Err(Gs1Error::SerialFormat));
		assert_eq!(serial(b"has space"), Err(Gs1Error::SerialFormat));
		assert_eq!(serial(b"123456789012345678901"), Err(Gs1Error::SerialFormat));
		assert_eq!(serial("é".as_bytes()), Err(Gs1Error::SerialFormat));
		assert!(lot(b"L2026-11").is_ok());
		assert_eq!(lot(b"#1"), Err(Gs1Error::LotFormat));
	}

	#[test]
	fn expiry_dates_are_real_and_day_00_is_month_end() {
		let day = time::DAY;
		// 2027-02-28 ends at the start of 2027-03-01 = day 20,878 since the epoch.
		assert_eq!(expiry(b"270228").unwrap().1, 20_878 * day);
		assert_eq!(expiry(b"270200").unwrap().1, 20_878 * day);
		assert_eq!(expiry(b"280200").unwrap().1, expiry(b"280229").unwrap().1);
		assert_eq!(expiry(b"270229"), Err(Gs1Error::ExpiryDate));
		assert_eq!(expiry(b"271301"), Err(Gs1Error::ExpiryDate));
		assert_eq!(expiry(b"270000"), Err(Gs1Error::ExpiryDate));
		assert_eq!(expiry(b"270431"), Err(Gs1Error::ExpiryDate));
		assert_eq!(expiry(b"2704"), Err(Gs1Error::ExpiryFormat));
		assert_eq!(expiry(b"27O401"), Err(Gs1Error::ExpiryFormat));
	}
}
