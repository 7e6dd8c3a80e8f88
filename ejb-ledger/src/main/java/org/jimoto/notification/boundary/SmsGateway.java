package org.jimoto.notification.boundary;

/**
 * The port to an SMS provider (R-23: external providers are reached through ports with a realistic
 * simulator as the default adapter). The adapter is chosen by {@code jimoto.sms.gateway}; today the
 * only one is {@code simulator}, which keeps the messages in the database for a page to show
 * ({@link SmsSimulator}). A provider's adapter implements this and is added to {@code
 * SmsGatewayProducer}.
 *
 * <p>Called inside the caller's transaction, after what the message is about has been written: an
 * adapter that cannot hand the message over throws, and the caller's transaction rolls back.
 */
public interface SmsGateway {

  /**
   * Sends one text message.
   *
   * @param phone a Japanese mobile number as {@link PhoneNumber#normalized()} gives it
   * @param text at most 500 characters
   */
  void send(String phone, String text);

  /** The adapter's configuration name (e.g. {@code simulator}). */
  String name();
}
