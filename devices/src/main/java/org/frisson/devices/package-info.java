/**
 * Acquisition devices onto Lab Streaming Layer, through BrainFlow's board controller.
 *
 * <p>Device I/O is its own concern, so it lives in its own module: the native device code (BrainFlow's
 * {@code libBoardController} and the board libraries it opens) is loaded only here, and the runtime
 * (pipeline, dsp, models) stays free of it; it sees a device only as the LSL streams published from it.
 *
 * <p>{@link org.frisson.devices.BrainFlowLibrary} finds the library the set-up unpacks from the brainflow
 * wheel; {@link org.frisson.devices.BoardNative} is our direct-mapped binding to its C API;
 * {@link org.frisson.devices.Boards} names the boards Frisson knows; {@link org.frisson.devices.BoardDescription}
 * is what BrainFlow says a board's rows hold; {@link org.frisson.devices.BoardSession} is one prepared board
 * read without allocation; {@link org.frisson.devices.DevicePublisher} publishes a board's signals as LSL
 * streams on a thread of its own, stamped through an {@link org.frisson.lsl.LslClockFit}.
 */
package org.frisson.devices;
