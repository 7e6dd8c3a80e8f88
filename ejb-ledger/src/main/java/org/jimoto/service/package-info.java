/**
 * Value services (サービス, R-02): money, point and gift certificate, each its own balance per
 * resident, with its own acceptance, expiry and settlement rules.
 */
package org.jimoto.service;
