/** Analytics' commands: its steps in other modules' processes, one transaction each. */
package dev.meridian.analytics.command;
