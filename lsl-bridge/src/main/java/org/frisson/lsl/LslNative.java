package org.frisson.lsl;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * liblsl's C API, direct-mapped (one JNI call per function, no reflection, no per-call allocation for
 * primitive and {@link Pointer} arguments). Signatures follow {@code lsl_c.h}; functions that take or
 * return C {@code unsigned long} live in {@link ChunkCalls}, whose width differs between platforms.
 * Callers load the library first ({@link LslLibrary#ensureLoaded()}) so a missing liblsl is reported
 * as {@link LslLibraryNotFoundException}, not as a class-initialisation error.
 */
final class LslNative {

    static {
        Native.register(LslNative.class, LslLibrary.nativeLibrary());
    }

    private LslNative() {
    }

    // --- common.h
    static native int lsl_protocol_version();

    static native int lsl_library_version();

    static native String lsl_library_info();

    static native double lsl_local_clock();

    static native String lsl_last_error();

    static native void lsl_destroy_string(Pointer s);

    static native void lsl_set_config_filename(String filename);

    // --- streaminfo.h
    static native Pointer lsl_create_streaminfo(String name, String type, int channelCount, double nominalSrate,
                                                int channelFormat, String sourceId);

    static native void lsl_destroy_streaminfo(Pointer info);

    static native Pointer lsl_copy_streaminfo(Pointer info);

    static native String lsl_get_name(Pointer info);

    static native String lsl_get_type(Pointer info);

    static native int lsl_get_channel_count(Pointer info);

    static native double lsl_get_nominal_srate(Pointer info);

    static native int lsl_get_channel_format(Pointer info);

    static native String lsl_get_source_id(Pointer info);

    static native int lsl_get_version(Pointer info);

    static native double lsl_get_created_at(Pointer info);

    static native String lsl_get_uid(Pointer info);

    static native String lsl_get_session_id(Pointer info);

    static native String lsl_get_hostname(Pointer info);

    static native Pointer lsl_get_desc(Pointer info);

    static native Pointer lsl_get_xml(Pointer info);

    static native Pointer lsl_streaminfo_from_xml(String xml);

    static native int lsl_stream_info_matches_query(Pointer info, String query);

    // --- xml.h (element handles are owned by their stream info)
    static native Pointer lsl_append_child(Pointer element, String name);

    static native Pointer lsl_append_child_value(Pointer element, String name, String value);

    static native Pointer lsl_first_child(Pointer element);

    static native Pointer lsl_next_sibling(Pointer element);

    static native Pointer lsl_parent(Pointer element);

    // --- outlet.h
    static native Pointer lsl_create_outlet(Pointer info, int chunkSize, int maxBuffered);

    static native void lsl_destroy_outlet(Pointer outlet);

    static native int lsl_have_consumers(Pointer outlet);

    static native int lsl_wait_for_consumers(Pointer outlet, double timeout);

    static native Pointer lsl_get_info(Pointer outlet);

    // --- inlet.h
    static native Pointer lsl_create_inlet(Pointer info, int maxBuflen, int maxChunklen, int recover);

    static native void lsl_destroy_inlet(Pointer inlet);

    static native Pointer lsl_get_fullinfo(Pointer inlet, double timeout, Pointer ec);

    static native void lsl_open_stream(Pointer inlet, double timeout, Pointer ec);

    static native void lsl_close_stream(Pointer inlet);

    static native double lsl_time_correction_ex(Pointer inlet, Pointer remoteTime, Pointer uncertainty,
                                                double timeout, Pointer ec);

    static native int lsl_set_postprocessing(Pointer inlet, int flags);

    static native double lsl_pull_sample_d(Pointer inlet, Pointer buffer, int bufferElements, double timeout,
                                           Pointer ec);

    static native double lsl_pull_sample_str(Pointer inlet, Pointer buffer, int bufferElements, double timeout,
                                             Pointer ec);

    static native int lsl_samples_available(Pointer inlet);

    static native int lsl_inlet_flush(Pointer inlet);

    static native int lsl_was_clock_reset(Pointer inlet);

    static native int lsl_smoothing_halftime(Pointer inlet, float value);

    // --- resolver.h
    static native int lsl_resolve_all(Pointer buffer, int bufferElements, double waitTime);

    static native int lsl_resolve_byprop(Pointer buffer, int bufferElements, String prop, String value,
                                         int minimum, double timeout);

    static native int lsl_resolve_bypred(Pointer buffer, int bufferElements, String pred, int minimum,
                                         double timeout);

    static native Pointer lsl_create_continuous_resolver(double forgetAfter);

    static native Pointer lsl_create_continuous_resolver_byprop(String prop, String value, double forgetAfter);

    static native Pointer lsl_create_continuous_resolver_bypred(String pred, double forgetAfter);

    static native int lsl_resolver_results(Pointer resolver, Pointer buffer, int bufferElements);

    static native void lsl_destroy_continuous_resolver(Pointer resolver);
}
