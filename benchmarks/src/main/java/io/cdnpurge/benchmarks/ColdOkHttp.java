package io.cdnpurge.benchmarks;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;

/** A fresh JVM's first Cloudflare purge call with OkHttp alone: a fixed JSON body, the answer read as text. */
public final class ColdOkHttp {
    private ColdOkHttp() {
    }

    public static void main(String[] args) throws IOException {
        OkHttpClient client = new OkHttpClient();
        Request request = new Request.Builder().url(args[0] + "/zones/" + CallOverheadBenchmark.ZONE + "/purge_cache")
                .header("Authorization", "Bearer " + CallOverheadBenchmark.TOKEN)
                .post(RequestBody.create("{\"files\":[\"https://www.example.com/cold\"]}",
                        MediaType.get("application/json; charset=utf-8"))).build();
        try (Response response = client.newCall(request).execute()) {
            ColdStart.done("okhttp", response.body().string().contains("\"success\":true"));
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
