/**
 * The city's screens for services and premium campaigns (#11 item 2): forms that translate input
 * for {@code CampaignAdministration} and {@code ServiceAdministration}, which hold the rules and
 * check the role.
 */
package org.jimoto.web.admin.campaign;
