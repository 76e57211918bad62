/**
 * A probe deployed beside Meridian's modules by {@link dev.meridian.it.PublishingBridgeIT}: its events go into the
 * EAR's lib/ like a module's -api jar, its resource into a WAR like a module's core.
 */
package dev.meridian.it.probe;
