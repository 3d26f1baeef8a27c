//! A purchase: who bought, when, for how much, and at what cost.

use chrono::{DateTime, NaiveDate, Utc};

use super::{CustomerId, Invalid, OrderId};

/// An order as stored; money in minor units.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Order {
    pub id: OrderId,
    pub customer_id: CustomerId,
    pub date: NaiveDate,
    pub amount: i64,
    pub cost: Option<i64>,
    pub product: Option<String>,
    #[serde(serialize_with = "super::dates::serialize_time")]
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// A new order before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOrder {
    pub customer_id: CustomerId,
    pub date: NaiveDate,
    pub amount: i64,
    pub cost: Option<i64>,
    pub product: Option<String>,
}

impl NewOrder {
    /// See [`check_amounts`].
    pub fn check(&self) -> Result<(), Invalid> {
        check_amounts(self.amount, self.cost)
    }

    /// Profit is amount − cost; an order without a cost counts its whole amount.
    pub fn profit(&self) -> i64 {
        self.amount - self.cost.unwrap_or(0)
    }
}

/// Amounts and costs are never negative; a cost above the amount is allowed (a loss) but not below zero.
/// Checked on every order stored, however it comes in.
pub fn check_amounts(amount: i64, cost: Option<i64>) -> Result<(), Invalid> {
    if amount < 0 {
        return Err(Invalid::said("amount", "invalid.not_negative", &[]));
    }
    if cost.is_some_and(|c| c < 0) {
        return Err(Invalid::said("cost", "invalid.not_negative", &[]));
    }
    Ok(())
}
