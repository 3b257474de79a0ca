package org.frisson.devices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * How to reach a board: BrainFlow's input parameters ({@code BrainFlowInputParams}). Empty strings and
 * zeros mean "not given". {@link #masterBoard} is the board a playback file was recorded from.
 */
public record BoardParams(String serialPort, String macAddress, String ipAddress, int ipPort, String otherInfo,
                          String file, int timeoutSeconds, String serialNumber, int masterBoard) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** No parameters: the synthetic board, or a board BrainFlow finds on its own. */
    public static final BoardParams NONE = new BoardParams("", "", "", 0, "", "", 0, "", Boards.NO_BOARD);

    public BoardParams {
        serialPort = orEmpty(serialPort);
        macAddress = orEmpty(macAddress);
        ipAddress = orEmpty(ipAddress);
        otherInfo = orEmpty(otherInfo);
        file = orEmpty(file);
        serialNumber = orEmpty(serialNumber);
        if (ipPort < 0 || ipPort > 65535) {
            throw new IllegalArgumentException("ip port " + ipPort + " is not a port (0 to 65535)");
        }
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeout " + timeoutSeconds + " s must not be negative");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    public BoardParams withSerialPort(String v) {
        return new BoardParams(v, macAddress, ipAddress, ipPort, otherInfo, file, timeoutSeconds, serialNumber, masterBoard);
    }

    public BoardParams withMacAddress(String v) {
        return new BoardParams(serialPort, v, ipAddress, ipPort, otherInfo, file, timeoutSeconds, serialNumber, masterBoard);
    }

    public BoardParams withIp(String address, int port) {
        return new BoardParams(serialPort, macAddress, address, port, otherInfo, file, timeoutSeconds, serialNumber, masterBoard);
    }

    public BoardParams withOtherInfo(String v) {
        return new BoardParams(serialPort, macAddress, ipAddress, ipPort, v, file, timeoutSeconds, serialNumber, masterBoard);
    }

    public BoardParams withFile(String v) {
        return new BoardParams(serialPort, macAddress, ipAddress, ipPort, otherInfo, v, timeoutSeconds, serialNumber, masterBoard);
    }

    public BoardParams withTimeout(int seconds) {
        return new BoardParams(serialPort, macAddress, ipAddress, ipPort, otherInfo, file, seconds, serialNumber, masterBoard);
    }

    public BoardParams withSerialNumber(String v) {
        return new BoardParams(serialPort, macAddress, ipAddress, ipPort, otherInfo, file, timeoutSeconds, v, masterBoard);
    }

    public BoardParams withMasterBoard(int id) {
        return new BoardParams(serialPort, macAddress, ipAddress, ipPort, otherInfo, file, timeoutSeconds, serialNumber, id);
    }

    /** The parameters given, as messages name them: {@code serial port '/dev/ttyUSB0'}; empty if none. */
    public List<String> given() {
        List<String> out = new ArrayList<>();
        add(out, "serial port", serialPort);
        add(out, "mac address", macAddress);
        add(out, "ip address", ipAddress);
        if (ipPort != 0) {
            out.add("ip port " + ipPort);
        }
        add(out, "other info", otherInfo);
        add(out, "file", file);
        add(out, "serial number", serialNumber);
        if (timeoutSeconds != 0) {
            out.add("timeout " + timeoutSeconds + " s");
        }
        if (masterBoard != Boards.NO_BOARD) {
            out.add("master board " + Boards.byId(masterBoard).map(b -> "'" + b.name() + "'")
                    .orElse("id " + masterBoard));
        }
        return out;
    }

    private static void add(List<String> out, String what, String value) {
        if (!value.isEmpty()) {
            out.add(what + " '" + value + "'");
        }
    }

    /** BrainFlow's input-parameters JSON, every field present. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("serial_port", serialPort);
        o.put("mac_address", macAddress);
        o.put("ip_address", ipAddress);
        o.put("ip_address_aux", "");
        o.put("ip_address_anc", "");
        o.put("ip_port", ipPort);
        o.put("ip_port_aux", 0);
        o.put("ip_port_anc", 0);
        o.put("ip_protocol", 0);
        o.put("other_info", otherInfo);
        o.put("timeout", timeoutSeconds);
        o.put("serial_number", serialNumber);
        o.put("file", file);
        o.put("file_aux", "");
        o.put("file_anc", "");
        o.put("master_board", masterBoard);
        return o.toString();
    }
}
