/** Residents (利用者): app members and card members, their identity data and cards. */
package org.jimoto.resident;
