package io.cdnpurge.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** A fresh JVM's first Cloudflare purge call with OkHttp and Jackson: the body written, the answer's id read. */
public final class ColdOkHttpJackson {
    private ColdOkHttpJackson() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        OkHttpClient client = new OkHttpClient();
        Request request = new Request.Builder().url(args[0] + "/zones/" + CallOverheadBenchmark.ZONE + "/purge_cache")
                .header("Authorization", "Bearer " + CallOverheadBenchmark.TOKEN)
                .post(RequestBody.create(mapper.writeValueAsBytes(Map.of("files",
                        List.of("https://www.example.com/cold"))), MediaType.get("application/json; charset=utf-8")))
                .build();
        try (Response response = client.newCall(request).execute()) {
            ColdStart.done("okhttp+jackson", mapper.readTree(response.body().string()).path("result").path("id")
                    .asText());
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
