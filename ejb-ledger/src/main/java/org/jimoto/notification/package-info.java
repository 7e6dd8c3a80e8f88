/**
 * Messages to residents outside the portal: SMS through the {@link
 * org.jimoto.notification.boundary.SmsGateway} port (a simulator that keeps what it "sent" for a
 * page, until a provider's adapter is added), one-time codes sent by SMS ({@link
 * org.jimoto.notification.boundary.OneTimeCodes}: login, phone confirmation, card inquiry and
 * migration, bank charges), and e-mail through an outbox drained over SMTP ({@link
 * org.jimoto.notification.boundary.Mailer}).
 */
package org.jimoto.notification;
