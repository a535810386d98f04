/**
 * The discharge file (出院结算明细, formats.md): its columns and the checks a row can make on its
 * own, shared by the intake job and the {@code adjudicate} command.
 */
package io.medsettle.discharges;
