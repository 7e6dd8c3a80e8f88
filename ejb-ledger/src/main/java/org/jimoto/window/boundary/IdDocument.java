package org.jimoto.window.boundary;

/**
 * the kinds of identity document the window accepts for a card (seed 000: マイナンバーカード, 運転免許証,
 * 健康保険証 など). Only the kind is recorded, with the clerk who checked it: never the document's number
 * or an image of it.
 */
public enum IdDocument {
  MY_NUMBER_CARD,
  DRIVERS_LICENSE,
  HEALTH_INSURANCE_CARD,
  PASSPORT,
  RESIDENCE_CARD,
  OTHER_PHOTO_ID
}
